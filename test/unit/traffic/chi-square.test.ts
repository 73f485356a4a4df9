import assert from 'node:assert/strict';
import { chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from '../../../harness/traffic/chi-square.ts';

const close = (actual: number, expected: number, relative = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `expected ${expected}, got ${actual}`);

describe('chi-square', () => {
  it('computes ln Γ at known points', () => {
    assert.ok(Math.abs(logGamma(1)) < 1e-12);
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)));
    close(logGamma(10), Math.log(362880));
    close(logGamma(0.1), Math.log(9.513507698668732));
    close(logGamma(100), 359.1342053695754);
  });

  it('matches closed forms of the incomplete gamma function', () => {
    // Q(1, x) = e^-x; P(1/2, x) = erf(√x): erf(1) = 0.8427007929497149.
    for (const x of [0.01, 0.5, 2.5, 10, 40]) close(regularizedGammaQ(1, x), Math.exp(-x));
    close(regularizedGammaP(0.5, 1), 0.8427007929497149);
    close(regularizedGammaP(3, 2) + regularizedGammaQ(3, 2), 1, 1e-14);
    assert.equal(regularizedGammaP(2, 0), 0);
    assert.equal(regularizedGammaQ(2, 0), 1);
  });

  it('gives the textbook critical values of the chi-square distribution', () => {
    // Quantiles from standard chi-square tables: P(X >= x) for df.
    const table: [number, number, number][] = [
      [3.841458820694124, 1, 0.05],
      [10.827566170662733, 1, 0.001],
      [5.991464547107979, 2, 0.05],
      [13.815510557964274, 2, 0.001],
      [7.814727903251178, 3, 0.05],
      [18.307038053275146, 10, 0.05],
      [124.34211340400407, 100, 0.05],
    ];
    for (const [x, df, p] of table) close(chiSquareSurvival(x, df), p, 1e-8);
    close(chiSquareSurvival(30, 1), 4.320463057827e-8, 1e-6);
    assert.equal(chiSquareSurvival(0, 3), 1);
  });

  it('rejects arguments outside the domain instead of returning NaN', () => {
    assert.throws(() => chiSquareSurvival(1, 0), RangeError);
    assert.throws(() => chiSquareSurvival(1, 1.5), RangeError);
    assert.throws(() => chiSquareSurvival(Number.NaN, 1), RangeError);
    assert.throws(() => regularizedGammaQ(-1, 1), RangeError);
    assert.throws(() => logGamma(0), RangeError);
  });
});
