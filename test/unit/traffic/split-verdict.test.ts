import assert from 'node:assert/strict';
import { DEFAULT_SIGNIFICANCE, formatSplitVerdict, judgeSplit } from '../../../harness/traffic/split-verdict.ts';

const weights = { 'infra-backend-v1': 70, 'infra-backend-v2': 30, 'infra-backend-v3': 0 };

describe('judgeSplit', () => {
  it('passes counts close to 70/30 and computes the chi-square statistic', () => {
    const verdict = judgeSplit({ 'infra-backend-v1': 357, 'infra-backend-v2': 143 }, weights);
    // Expected 350/150: (7²/350) + (7²/150) = 0.14 + 0.3267.
    assert.ok(Math.abs(verdict.statistic - 0.4666666) < 1e-6);
    assert.equal(verdict.degreesOfFreedom, 1);
    assert.ok(verdict.pValue > 0.49 && verdict.pValue < 0.5, String(verdict.pValue));
    assert.equal(verdict.passed, true);
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.significance, DEFAULT_SIGNIFICANCE);
  });

  it('fails a 50/50 split where 70/30 was expected, saying why', () => {
    const verdict = judgeSplit({ 'infra-backend-v1': 250, 'infra-backend-v2': 250 }, weights);
    assert.equal(verdict.passed, false);
    assert.ok(verdict.pValue < 1e-15);
    assert.match(verdict.problems.join('\n'), /the observed split differs from the weights: chi-square 95\.24 with 1 degree\(s\) of freedom/);
  });

  it('fails on a single hit to a weight-0 backend even when the rest fits', () => {
    const verdict = judgeSplit({ 'infra-backend-v1': 350, 'infra-backend-v2': 150, 'infra-backend-v3': 1 }, weights);
    assert.equal(verdict.passed, false);
    assert.deepEqual(verdict.problems, ['1 response(s) came from infra-backend-v3, whose weight is 0 (it must never be chosen)']);
  });

  it('fails on a backend the weights do not name and lists it in the table', () => {
    const verdict = judgeSplit({ 'infra-backend-v1': 350, 'infra-backend-v2': 150, 'web-backend': 2 }, weights);
    assert.equal(verdict.passed, false);
    assert.match(verdict.problems[0] ?? '', /2 response\(s\) came from web-backend, which is not one of the expected backends/);
    assert.match(verdict.table, /web-backend\s+\(unknown\)/);
  });

  it('refuses to judge with too few samples', () => {
    const verdict = judgeSplit({ a: 5, b: 1 }, { a: 90, b: 10 });
    assert.equal(verdict.passed, false);
    assert.match(verdict.problems.join('\n'), /too few samples for a chi-square test: expected count below 5 for b/);
  });

  it('with one weighted backend, passes when every hit lands on it', () => {
    const verdict = judgeSplit({ only: 40 }, { only: 1, never: 0 });
    assert.equal(verdict.passed, true);
    assert.equal(verdict.pValue, 1);
  });

  it('fails when nothing was counted', () => {
    assert.deepEqual(judgeSplit({}, weights).problems, ['no responses were counted']);
  });

  it('renders expected versus observed as a table', () => {
    const text = formatSplitVerdict(judgeSplit({ 'infra-backend-v1': 357, 'infra-backend-v2': 143 }, weights));
    const lines = text.split('\n');
    assert.match(lines[0] ?? '', /^split within bounds \(p = 0\.49\d >= 0\.001, 500 samples\)$/);
    assert.match(lines[1] ?? '', /^backend\s+weight\s+expected\s+observed$/);
    assert.match(lines[2] ?? '', /^infra-backend-v1\s+70\s+70\.0% \(350\.0\)\s+71\.4% \(357\)$/);
    assert.match(lines[4] ?? '', /^infra-backend-v3\s+0\s+0\.0% \(0\.0\)\s+0\.0% \(0\)$/);
  });
});
