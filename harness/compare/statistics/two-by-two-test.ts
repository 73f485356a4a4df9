// Are two proportions the same? A 2x2 table (rows: base and new; columns: counted and not) judged by Pearson's
// chi-square test with 1 degree of freedom when every expected cell holds at least 5, else by Fisher's exact
// test, whose p-value stays right for the small counts (a handful of errors) where chi-square's does not.
//
//   twoByTwoTest({ base: [counted, of], next: [counted, of] }): TwoByTwoResult
import { chiSquareSurvival, logGamma } from '../../traffic/chi-square.ts';
import { SampleError } from './weighted-sample.ts';

export interface TwoByTwoResult {
  method: 'chi-square (1 df)' | "Fisher's exact test";
  pValue: number;
  /** The chi-square statistic (chi-square only). */
  statistic?: number;
}

export interface Proportions {
  /** [observations counted, all observations] */
  base: readonly [number, number];
  next: readonly [number, number];
}

const minimumExpectedCount = 5;

export function twoByTwoTest({ base, next }: Proportions): TwoByTwoResult {
  for (const [counted, of] of [base, next]) {
    if (!(Number.isInteger(counted) && Number.isInteger(of) && counted >= 0 && of >= counted)) {
      throw new SampleError(`a proportion needs whole numbers 0 <= counted <= total, got ${counted} of ${of}`);
    }
  }
  const cells = [base[0], base[1] - base[0], next[0], next[1] - next[0]] as const;
  const rows = [base[1], next[1]];
  const columns = [base[0] + next[0], cells[1] + cells[3]];
  const total = base[1] + next[1];
  if (rows.some((row) => row === 0) || columns.some((column) => column === 0)) return { method: 'chi-square (1 df)', pValue: 1, statistic: 0 };
  const expected = rows.flatMap((row) => columns.map((column) => (row * column) / total));
  if (expected.some((count) => count < minimumExpectedCount)) return { method: "Fisher's exact test", pValue: fisherExact(cells[0], rows, columns, total) };
  const statistic = cells.reduce((sum, observed, index) => {
    const expectation = expected[index] ?? 1;
    return sum + (observed - expectation) ** 2 / expectation;
  }, 0);
  return { method: 'chi-square (1 df)', pValue: chiSquareSurvival(statistic, 1), statistic };
}

/** Two-sided: the probability of every table with these margins no more likely than the observed one. */
function fisherExact(topLeft: number, rows: number[], columns: number[], total: number): number {
  const [row0 = 0, row1 = 0] = rows;
  const [column0 = 0, column1 = 0] = columns;
  const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  const logProbability = (a: number) => logChoose(row0, a) + logChoose(row1, column0 - a) - logChoose(total, column0);
  const observed = logProbability(topLeft) + 1e-7;
  let sum = 0;
  for (let a = Math.max(0, row0 - column1); a <= Math.min(row0, column0); a += 1) {
    const log = logProbability(a);
    if (log <= observed) sum += Math.exp(log);
  }
  return Math.min(1, sum);
}
