import assert from 'node:assert/strict';
import { binomialTwoSidedPValue } from '../../../harness/traffic/mirror/binomial-test.ts';
import { loggedRequestTargets } from '../../../harness/traffic/mirror/echo-log-lines.ts';
import { requestIdOf, withRequestId } from '../../../harness/traffic/mirror/request-id.ts';

describe('binomialTwoSidedPValue', () => {
  it('sums both tails of a symmetric distribution', () => {
    // P(X <= 3) + P(X >= 7) for X ~ Bin(10, 0.5) = 2 * (1 + 10 + 45 + 120) / 1024.
    assert.ok(Math.abs(binomialTwoSidedPValue(3, 10, 0.5) - 352 / 1024) < 1e-12);
    assert.equal(binomialTwoSidedPValue(5, 10, 0.5), 1);
  });

  it('sums every outcome no more likely than the observed one when the distribution is skewed', () => {
    // Bin(5, 0.2): P(3) = 0.0512, P(4) = 0.0064, P(5) = 0.00032; every other outcome is more likely.
    assert.ok(Math.abs(binomialTwoSidedPValue(3, 5, 0.2) - 0.05792) < 1e-12);
  });

  it('passes counts near n·p and rejects far ones for 500 samples at 35%', () => {
    assert.ok(binomialTwoSidedPValue(175, 500, 0.35) > 0.9);
    assert.ok(binomialTwoSidedPValue(140, 500, 0.35) >= 0.001);
    assert.ok(binomialTwoSidedPValue(139, 500, 0.35) < 0.001);
    assert.ok(binomialTwoSidedPValue(250, 500, 0.35) < 1e-10);
    assert.equal(binomialTwoSidedPValue(500, 500, 1), 1);
    assert.equal(binomialTwoSidedPValue(499, 500, 1), 0);
  });

  it('refuses impossible arguments', () => {
    assert.throws(() => binomialTwoSidedPValue(6, 5, 0.5), RangeError);
    assert.throws(() => binomialTwoSidedPValue(1, 5, 1.5), RangeError);
  });
});

describe('echo request lines in pod logs', () => {
  it("reads the reference echo's JSON lines and upstream echo-basic's text lines, and nothing else", () => {
    const log = [
      '{"level":30,"time":1764700000000,"name":"echo","msg":"echo server listening","port":3000}',
      '{"level":30,"time":1764700000100,"name":"echo","msg":"request","method":"GET","path":"/mirror?gauntlet-request-id=a","host":"x","headers":{}}',
      '2026/12/02 18:00:00 Echoing back request made to /mirror?gauntlet-request-id=b to client (10.0.0.1:5555)',
      '{"msg":"request","path":42}',
      'not json {"msg":"request","path":"/c"}',
      '',
    ].join('\n');
    assert.deepEqual(loggedRequestTargets(log), ['/mirror?gauntlet-request-id=a', '/mirror?gauntlet-request-id=b']);
  });

  it('tags a path with a request id beside its own query, and reads it back', () => {
    assert.equal(withRequestId('/a', 'x-1'), '/a?gauntlet-request-id=x-1');
    assert.equal(withRequestId('/a?b=c', 'x-1'), '/a?b=c&gauntlet-request-id=x-1');
    assert.equal(requestIdOf('/a?b=c&gauntlet-request-id=x-1'), 'x-1');
    assert.equal(requestIdOf('/a?b=c'), undefined);
  });
});
