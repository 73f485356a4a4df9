// The comparison's tests against reference values computed with SciPy 1.17 (mannwhitneyu, chi2_contingency
// without correction, fisher_exact) and, for the exact rank test with ties, a brute-force enumeration.
import assert from 'node:assert/strict';
import { holmAdjusted } from '../../../harness/compare/statistics/holm.ts';
import { mannWhitneyU } from '../../../harness/compare/statistics/mann-whitney.ts';
import { quantileTest } from '../../../harness/compare/statistics/quantile-test.ts';
import { twoByTwoTest } from '../../../harness/compare/statistics/two-by-two-test.ts';
import { percentileOf, SampleError, weightedSample } from '../../../harness/compare/statistics/weighted-sample.ts';

const close = (actual: number, expected: number, relative = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${actual} is not within ${relative} of ${expected}`);

function tested<T extends object>(result: T | { untestable: string }): T {
  if ('untestable' in result) assert.fail(`untestable: ${result.untestable}`);
  return result;
}

describe('weightedSample', () => {
  it('merges equal values, sorts them and finds percentiles by count', () => {
    const sample = weightedSample([3, 1, 3, 2], [1, 5, 2, 0]);
    assert.deepEqual(sample, { values: [1, 3], counts: [5, 3], total: 8 });
    assert.equal(percentileOf(sample, 50), 1);
    assert.equal(percentileOf(sample, 62.5), 1);
    assert.equal(percentileOf(sample, 63), 3);
  });

  it('refuses counts that are not whole numbers', () => {
    assert.throws(() => weightedSample([1], [0.5]), SampleError);
    assert.throws(() => weightedSample([Number.NaN]), /not a finite number/);
  });
});

describe('mannWhitneyU', () => {
  it('is exact for small samples without ties (SciPy: U 25, p 0.0079365)', () => {
    const result = tested(mannWhitneyU(weightedSample([1, 2, 3, 4, 5]), weightedSample([6, 7, 8, 9, 10])));
    assert.equal(result.method, 'Mann-Whitney U (exact)');
    assert.equal(result.u, 25);
    close(result.pValue, 2 / 252);
    assert.equal(result.probabilityNextHigher, 1);
  });

  it('is exact for small samples with ties (brute force: U 28.5, p 0.1255411)', () => {
    const result = tested(mannWhitneyU(weightedSample([1, 2, 2, 3, 5, 5]), weightedSample([2, 3, 5, 6, 6, 7])));
    assert.equal(result.u, 28.5);
    close(result.pValue, 0.12554112554112554);
  });

  it('matches SciPy asymptotic with tie and continuity corrections on histogram-like data (U 113309, p 0.00059125)', () => {
    const base = weightedSample(
      [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3, 3.1, 3.2, 3.3, 3.4, 3.6, 3.7, 3.8, 3.9, 4, 4.1, 4.2, 4.3, 4.5, 4.6, 4.7, 4.8, 5, 5.2, 5.3, 5.4, 5.5, 5.9, 6.2, 6.3, 6.4, 9.7],
      [2, 1, 3, 9, 9, 9, 26, 9, 14, 19, 14, 20, 9, 17, 14, 11, 12, 19, 10, 17, 19, 7, 11, 7, 3, 7, 9, 10, 7, 6, 5, 6, 8, 6, 4, 3, 4, 2, 3, 4, 2, 2, 2, 2, 1, 1, 1, 1, 1, 2, 3, 1, 2, 1, 1, 1, 1],
    );
    const next = weightedSample(
      [
        0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7,
        3.8, 3.9, 4, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8, 4.9, 5, 5.1, 5.2, 5.3, 5.4, 5.5, 5.6, 5.7, 6.2, 6.3, 6.7, 6.9, 7, 7.1, 7.3, 7.8, 8.1, 8.7, 8.8, 8.9,
      ],
      [
        8, 5, 7, 8, 15, 10, 17, 15, 15, 13, 14, 21, 15, 21, 18, 16, 11, 17, 14, 12, 10, 9, 13, 8, 12, 8, 9, 7, 11, 5, 12, 10, 10, 4, 13, 3, 3, 3, 5, 3, 4, 5, 3, 4, 5, 3, 4, 3, 4, 2, 3, 2, 2, 1, 1,
        3, 3, 1, 1, 2, 1, 3, 2, 2, 1, 1, 2, 1, 1,
      ],
    );
    const result = tested(mannWhitneyU(base, next));
    assert.equal(result.method, 'Mann-Whitney U (normal approximation)');
    assert.equal(result.u, 113309);
    close(result.pValue, 0.000591249150332444, 1e-4);
    close(result.probabilityNextHigher, 113309 / (400 * 500));
  });

  it('finds nothing between two identical samples and says when a run has no observations', () => {
    const sample = weightedSample([1, 2, 3], [400, 300, 300]);
    const result = tested(mannWhitneyU(sample, sample));
    assert.equal(result.pValue, 1);
    assert.equal(result.probabilityNextHigher, 0.5);
    assert.match(String((mannWhitneyU(sample, weightedSample([])) as { untestable: string }).untestable), /observations in both runs, got 1000 and 0/);
  });
});

describe('twoByTwoTest', () => {
  it('uses chi-square when every expected count is at least 5 (SciPy: 7.6793, p 0.0055857)', () => {
    const result = twoByTwoTest({ base: [30, 1000], next: [55, 1000] });
    assert.equal(result.method, 'chi-square (1 df)');
    close(result.statistic ?? 0, 7.6793119336507445);
    close(result.pValue, 0.0055857461875038865, 1e-6);
  });

  it("uses Fisher's exact test when an expected count is below 5 (SciPy: p 0.1246249 and 0.1184054)", () => {
    const none = twoByTwoTest({ base: [0, 1000], next: [4, 1000] });
    assert.equal(none.method, "Fisher's exact test");
    close(none.pValue, 0.12462490634400823, 1e-6);
    close(twoByTwoTest({ base: [1, 100], next: [6, 100] }).pValue, 0.11840538106385107, 1e-6);
    // Expected 5.5: chi-square again (SciPy: p 0.0252726).
    close(twoByTwoTest({ base: [2, 50], next: [9, 50] }).pValue, 0.02527263753319915, 1e-6);
  });

  it('refuses a count larger than its total', () => {
    assert.throws(() => twoByTwoTest({ base: [5, 4], next: [0, 1] }), SampleError);
  });
});

describe('quantileTest', () => {
  it('sees a tail that moved while the body stayed', () => {
    // 1000 requests each: 1% of the base run take 10 ms, 3% of the new run 40 ms.
    const base = weightedSample([1, 2, 10], [500, 490, 10]);
    const next = weightedSample([1, 2, 40], [500, 470, 30]);
    const p99 = tested(quantileTest(base, next, 99));
    assert.equal(p99.splitAt, 40);
    // Nothing lies above the pooled p99, 1.5% at or above it: the split that is nearest the nominal 1% counts.
    assert.deepEqual([p99.baseAbove, p99.nextAbove], [0, 30]);
    assert.ok(p99.pValue < 1e-6, String(p99.pValue));
    assert.equal(tested(quantileTest(base, next, 50)).pValue, 1);
  });

  it('needs enough observations for the tail it judges', () => {
    const small = weightedSample([1, 2], [100, 100]);
    assert.match((quantileTest(small, small, 99) as { untestable: string }).untestable, /p99 needs at least 500 observations per run, got 200 and 200/);
  });
});

describe('holmAdjusted', () => {
  it('multiplies the smallest p by the number of tests and keeps the order monotone', () => {
    assert.deepEqual(holmAdjusted([0.01, 0.04, 0.03, 0.5]), [0.04, 0.09, 0.09, 0.5]);
  });
});
