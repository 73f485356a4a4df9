import assert from 'node:assert/strict';
import { ageOf, humanDuration } from '../../../src/api/table/to-table.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (kubectl AGE)', () => {
  const cases: [number, string][] = [
    [-500, '0s'],
    [-5 * s, '<invalid>'],
    [5 * s, '5s'],
    [119 * s, '119s'],
    [3 * m, '3m'],
    [3 * m + 20 * s, '3m20s'],
    [45 * m + 59 * s, '45m'],
    [3 * h + 30 * m, '3h30m'],
    [5 * h, '5h'],
    [30 * h, '30h'],
    [2 * d, '2d'],
    [3 * d + 4 * h, '3d4h'],
    [100 * d + 5 * h, '100d'],
    [3 * 365 * d + 10 * d, '3y10d'],
    [10 * 365 * d, '10y'],
  ];
  for (const [milliseconds, expected] of cases) {
    it(`${milliseconds} ms -> ${expected}`, () => {
      assert.equal(humanDuration(milliseconds), expected);
    });
  }

  it('ageOf reads RFC 3339 timestamps and says <unknown> otherwise', () => {
    const now = new Date('2026-01-01T00:10:00Z');
    assert.equal(ageOf('2026-01-01T00:05:00Z', now), '5m');
    assert.equal(ageOf(undefined, now), '<unknown>');
    assert.equal(ageOf('yesterday', now), '<unknown>');
  });
});
