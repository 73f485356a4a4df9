// The side-by-side table for the terminal: one row per scenario and assertion on which the GatewayClasses
// disagree, one column per class with its outcome, then each differing result's own words (the expected-versus-
// got lines of a failure, the reason of a skip), so what differs is on screen without opening results.json.
//
//   formatDisagreements(result: SideBySideResult): string
import type { ClassResult, SideBySideResult } from './disagreements.ts';

const ASPECT_LABELS = { status: 'status conditions', response: 'response', split: 'split shares', load: 'load', scenario: 'ran or skipped', other: 'step' } as const;
const DETAIL_LINES = 12;

function cell(result: ClassResult): string {
  return result.outcome;
}

function indent(text: string, prefix: string): string[] {
  const lines = text.split('\n');
  const shown = lines.slice(0, DETAIL_LINES).map((line) => `${prefix}${line}`);
  if (lines.length > DETAIL_LINES) shown.push(`${prefix}... (${lines.length - DETAIL_LINES} more lines in results.json)`);
  return shown;
}

export function formatDisagreements(result: SideBySideResult): string {
  const { gatewayClasses, disagreements } = result;
  const scenarios = new Set(disagreements.map((item) => item.scenario)).size;
  const heading =
    `Side by side: ${gatewayClasses.join(' vs ')} (runs ${result.runIds.join(', ')}): ` +
    (disagreements.length === 0
      ? `they agree on every assertion of ${result.scenariosCompared} scenarios`
      : `${disagreements.length} assertion(s) in ${scenarios} of ${result.scenariosCompared} scenarios disagree`);
  if (disagreements.length === 0) return heading;
  const header = ['SCENARIO', 'ASSERTION', 'ASPECT', ...gatewayClasses];
  const rows = disagreements.map((item) => [item.scenario, item.assertion, ASPECT_LABELS[item.aspect], ...item.results.map(cell)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const lines = [heading, format(header), ...rows.map(format)];
  for (const item of disagreements) {
    lines.push('', `${item.scenario}${item.conformanceTest ? ` (${item.conformanceTest})` : ''}: ${item.assertion}`);
    for (const classResult of item.results) {
      lines.push(`  ${classResult.gatewayClass}: ${classResult.outcome}`);
      if (classResult.message) lines.push(...indent(classResult.message, '    '));
    }
  }
  return lines.join('\n');
}
