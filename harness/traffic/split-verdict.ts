// Judges observed per-backend counts against expected weights. Three independent rules, all must hold:
//   1. no hit on a weight-0 backend (a single one fails: weight 0 means "never");
//   2. no hit on a backend the weights do not name;
//   3. over the backends with weight > 0, a chi-square goodness-of-fit test does not reject the weights at
//      the stated significance (p >= DEFAULT_SIGNIFICANCE passes).
// With significance 0.001 a correct gateway fails a split check once in a thousand runs.
//
//   judgeSplit(counts, weights, options?): SplitVerdict   (pure; renders a table in verdict.table)
import { chiSquareSurvival } from './chi-square.ts';

export const DEFAULT_SIGNIFICANCE = 0.001;
/** Below this expected count per backend the chi-square approximation is not trustworthy. */
export const MIN_EXPECTED_COUNT = 5;

export interface SplitRow {
  backend: string;
  weight: number | undefined;
  expectedShare: number;
  expectedCount: number;
  observed: number;
}

export interface SplitVerdict {
  passed: boolean;
  total: number;
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  significance: number;
  rows: SplitRow[];
  /** Why it failed, one sentence each; empty when passed. */
  problems: string[];
  /** Expected versus observed, for humans. */
  table: string;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function renderTable(rows: SplitRow[], total: number): string {
  const header = ['backend', 'weight', 'expected', 'observed'];
  const lines = rows.map((row) => [
    row.backend,
    row.weight === undefined ? '(unknown)' : String(row.weight),
    `${percent(row.expectedShare)} (${row.expectedCount.toFixed(1)})`,
    `${total === 0 ? '-' : percent(row.observed / total)} (${row.observed})`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [format(header), ...lines.map(format)].join('\n');
}

function chiSquare(rows: SplitRow[]): { statistic: number; degreesOfFreedom: number } {
  const tested = rows.filter((row) => (row.weight ?? 0) > 0);
  const statistic = tested.reduce((sum, row) => sum + (row.observed - row.expectedCount) ** 2 / row.expectedCount, 0);
  return { statistic, degreesOfFreedom: tested.length - 1 };
}

export function judgeSplit(counts: Record<string, number>, weights: Record<string, number>, options: { significance?: number } = {}): SplitVerdict {
  const significance = options.significance ?? DEFAULT_SIGNIFICANCE;
  const weightTotal = Object.values(weights).reduce((sum, weight) => sum + Math.max(0, weight), 0);
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  // Expected counts are shares of the hits that landed on weighted backends: stray hits fail on their own rule.
  const weightedHits = Object.entries(counts).reduce((sum, [backend, count]) => sum + ((weights[backend] ?? 0) > 0 ? count : 0), 0);
  const rows: SplitRow[] = Object.entries(weights).map(([backend, weight]) => {
    const expectedShare = weightTotal === 0 ? 0 : weight / weightTotal;
    return { backend, weight, expectedShare, expectedCount: expectedShare * weightedHits, observed: counts[backend] ?? 0 };
  });
  const problems: string[] = [];
  for (const [backend, count] of Object.entries(counts)) {
    if (!(backend in weights) && count > 0) {
      rows.push({ backend, weight: undefined, expectedShare: 0, expectedCount: 0, observed: count });
      problems.push(`${count} response(s) came from ${backend}, which is not one of the expected backends (${Object.keys(weights).join(', ')})`);
    }
  }
  for (const row of rows) {
    if (row.weight === 0 && row.observed > 0) problems.push(`${row.observed} response(s) came from ${row.backend}, whose weight is 0 (it must never be chosen)`);
  }
  if (weightTotal === 0) problems.push('no backend has a weight above 0: nothing to test');
  if (total === 0) problems.push('no responses were counted');
  const tested = rows.filter((row) => (row.weight ?? 0) > 0);
  const starved = tested.filter((row) => row.expectedCount < MIN_EXPECTED_COUNT);
  if (total > 0 && starved.length > 0) {
    problems.push(`too few samples for a chi-square test: expected count below ${MIN_EXPECTED_COUNT} for ${starved.map((row) => row.backend).join(', ')}; raise samples`);
  }
  const { statistic, degreesOfFreedom } = chiSquare(rows);
  // One weighted backend: rules 1 and 2 already decide; there is no distribution to test.
  const pValue = degreesOfFreedom >= 1 && weightedHits > 0 ? chiSquareSurvival(statistic, degreesOfFreedom) : 1;
  if (pValue < significance) {
    problems.push(`the observed split differs from the weights: chi-square ${statistic.toFixed(2)} with ${degreesOfFreedom} degree(s) of freedom, p = ${pValue.toExponential(2)} < ${significance}`);
  }
  return { passed: problems.length === 0, total, statistic, degreesOfFreedom, pValue, significance, rows, problems, table: renderTable(rows, total) };
}

/** Table plus verdict line and problems, ready for a failure message. */
export function formatSplitVerdict(verdict: SplitVerdict): string {
  const head = verdict.passed
    ? `split within bounds (p = ${verdict.pValue.toPrecision(3)} >= ${verdict.significance}, ${verdict.total} samples)`
    : `split out of bounds (${verdict.total} samples):\n${verdict.problems.map((problem) => `  - ${problem}`).join('\n')}`;
  return `${head}\n${verdict.table}`;
}
