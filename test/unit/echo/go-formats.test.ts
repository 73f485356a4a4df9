import assert from 'node:assert/strict';
import { goCanonicalHeaderName } from '../../../reference-impl/echo/go-canonical-header-name.ts';
import { InvalidDurationError, parseGoDurationMs } from '../../../reference-impl/echo/go-duration.ts';

describe('Go formats used by the echo server', () => {
  it('canonicalises header names like Go', () => {
    assert.equal(goCanonicalHeaderName('x-forwarded-for'), 'X-Forwarded-For');
    assert.equal(goCanonicalHeaderName('CONTENT-TYPE'), 'Content-Type');
    assert.equal(goCanonicalHeaderName('www-authenticate'), 'Www-Authenticate');
    assert.equal(goCanonicalHeaderName('bad header'), 'bad header');
  });

  it('parses Go durations to milliseconds', () => {
    assert.equal(parseGoDurationMs('300ms'), 300);
    assert.equal(parseGoDurationMs('1.5s'), 1500);
    assert.equal(parseGoDurationMs('1m30s'), 90_000);
    assert.equal(parseGoDurationMs('2h'), 7_200_000);
    assert.equal(parseGoDurationMs('0'), 0);
    assert.equal(parseGoDurationMs('500us'), 0.5);
  });

  it('refuses what Go refuses', () => {
    for (const text of ['', '10', 's', '1x', '1s2', 'soon']) {
      assert.throws(() => parseGoDurationMs(text), InvalidDurationError, text);
    }
  });
});
