// The comparison in the terminal: which runs, a table of every load metric and every outcome that changed, the
// tests named once below it, and the verdict with what regressed.
//
//   renderComparisonText(comparison): string
import type { Comparison } from './compare-result.ts';
import { COMPARISON_COLUMNS, comparisonRows } from './comparison-rows.ts';
import { describeOutcomes, describeRun, testsUsed } from './summary-lines.ts';

export function renderComparisonText(comparison: Comparison): string {
  const header = COMPARISON_COLUMNS.map((column) => column.toUpperCase());
  const rows = comparisonRows(comparison).map((row) => row.cells);
  const lines = [`base: ${describeRun(comparison.base)}`, `new:  ${describeRun(comparison.next)}`, ''];
  if (rows.length > 0) lines.push(...table(header, rows), '');
  lines.push(describeOutcomes(comparison));
  if (comparison.metrics.length === 0) lines.push('No scenario ran load in both runs: there are no figures to compare.');
  for (const note of comparison.notes) lines.push(`note: ${note}`);
  if (comparison.testCount > 0) {
    lines.push('', `Tests (alpha ${comparison.alpha}, p-values Holm-adjusted over ${comparison.testCount} tests; a regression must also pass its threshold):`);
    for (const test of testsUsed(comparison)) lines.push(`  ${test}`);
  }
  lines.push('');
  if (comparison.verdict === 'regressed') {
    lines.push(`REGRESSED: ${comparison.regressions.length} significant regression(s):`);
    for (const regression of comparison.regressions) lines.push(`  ${regression.scenario}: ${regression.what}`);
  } else {
    lines.push('No significant regression.');
  }
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [format(header), ...rows.map(format)];
}
