// GEP-2257 durations, on the GEP's own test vectors.
import assert from 'node:assert/strict';
import { parseGatewayDuration } from '../../../reference-impl/controller/translator/gateway-duration.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1_000;

describe('Gateway API durations (GEP-2257)', () => {
  it('parses every valid test vector of the GEP to milliseconds, summing repeated units', () => {
    const vectors: [string, number][] = [
      ['0h', 0],
      ['0s', 0],
      ['0h0m0s', 0],
      ['1h', HOUR],
      ['30m', 30 * MINUTE],
      ['10s', 10 * SECOND],
      ['500ms', 500],
      ['2h30m', 2 * HOUR + 30 * MINUTE],
      ['150m', 150 * MINUTE],
      ['7230s', 7230 * SECOND],
      ['1h30m10s', HOUR + 30 * MINUTE + 10 * SECOND],
      ['10s30m1h', HOUR + 30 * MINUTE + 10 * SECOND],
      ['100ms200ms300ms', 600],
      ['1h2m3s4ms', HOUR + 2 * MINUTE + 3 * SECOND + 4],
      ['00060m', HOUR],
      ['99999h', 99_999 * HOUR],
    ];
    for (const [text, ms] of vectors) assert.equal(parseGatewayDuration(text), ms, text);
  });

  it('refuses every invalid test vector of the GEP, and the empty string', () => {
    for (const text of ['1', '1m1', '1d', '1h30m10s20ms50h', '999999h', '1.5h', '-15m', '', '1us', 's', '1 h', '1H']) {
      assert.equal(parseGatewayDuration(text), undefined, text);
    }
  });
});
