// The comparison as Markdown, for a CI job summary or a pull-request comment: the verdict first, the runs, the
// table of metrics and changed outcomes, then the tests behind the p-values.
//
//   renderComparisonMarkdown(comparison): string
import type { Comparison } from './compare-result.ts';
import { COMPARISON_COLUMNS, comparisonRows } from './comparison-rows.ts';
import { describeOutcomes, testsUsed } from './summary-lines.ts';

/** Table cells must not break the table: pipes escaped, line breaks folded. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

export function renderComparisonMarkdown(comparison: Comparison): string {
  const { base, next } = comparison;
  const lines =
    comparison.verdict === 'regressed'
      ? [`## Gauntlet comparison: regressed (${comparison.regressions.length} significant regression${comparison.regressions.length === 1 ? '' : 's'})`, '']
      : ['## Gauntlet comparison: no significant regression', ''];
  for (const regression of comparison.regressions) lines.push(`- **${cell(regression.scenario)}**: ${cell(regression.what)}`);
  if (comparison.regressions.length > 0) lines.push('');
  lines.push(row(['', 'run', 'started', 'gatewayClass', 'from']), '|---|---|---|---|---|');
  lines.push(row(['base', base.runId, base.startedAt, base.gatewayClass, `\`${base.source}\``]), row(['new', next.runId, next.startedAt, next.gatewayClass, `\`${next.source}\``]), '');
  const rows = comparisonRows(comparison);
  if (rows.length > 0) {
    lines.push(row([...COMPARISON_COLUMNS]), '|---|---|---:|---:|---:|---:|---|');
    for (const { cells, regression } of rows) {
      const verdict = cells.length - 1;
      lines.push(row(cells.map((text, column) => (column === verdict && regression ? `**${text}**` : text))));
    }
    lines.push('');
  }
  lines.push(describeOutcomes(comparison), '');
  for (const note of comparison.notes) lines.push(`> note: ${cell(note)}`, '');
  if (comparison.testCount > 0) {
    lines.push('<details><summary>How significance was judged</summary>', '');
    lines.push(`alpha ${comparison.alpha}, p-values Holm-adjusted over ${comparison.testCount} tests; a significant change is a regression only past its threshold.`, '');
    for (const test of testsUsed(comparison)) lines.push(`- ${cell(test)}`);
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
}
