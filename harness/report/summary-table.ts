// The terminal summary of a run: one line per scenario, then totals, then the failure messages, so the
// reason for a red run is on screen without opening a report file.
//
//   formatSummaryTable(run: RunResult): string
import { countOutcomes, type Outcome, type RunResult } from './run-result.ts';

const marks: Record<Outcome, string> = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' };

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

export function formatSummaryTable(run: RunResult): string {
  const rows = run.scenarios.map((scenario) => [
    marks[scenario.outcome],
    scenario.id,
    scenario.conformanceTest ?? '-',
    `${(scenario.durationMs / 1000).toFixed(1)}s`,
    scenario.load ? `${scenario.load.requests.perSecond.toFixed(0)} req/s, p99 ${scenario.load.latency.p99Ms} ms` : '',
  ]);
  const header = ['RESULT', 'SCENARIO', 'UPSTREAM TEST', 'TIME', 'LOAD'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const counts = countOutcomes(run.scenarios);
  const lines = [
    `Gauntlet run ${run.runId}: gatewayClass ${run.gatewayClass}, ${run.implementation.project} ${run.implementation.version}, cluster ${run.cluster.provider}, Gateway API ${run.gatewayAPI.version} (${run.gatewayAPI.channel})`,
    format(header),
    ...rows.map(format),
    `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  ];
  for (const scenario of run.scenarios.filter((item) => item.outcome === 'skipped')) {
    const reason = scenario.steps.find((step) => step.outcome === 'skipped')?.message;
    if (reason) lines.push(`SKIP ${scenario.id}: ${reason}`);
  }
  for (const scenario of run.scenarios.filter((item) => item.outcome === 'failed')) {
    lines.push('', `FAIL ${scenario.id}`);
    for (const step of scenario.steps.filter((item) => item.outcome === 'failed')) {
      lines.push(`  ${step.name}`);
      if (step.message) lines.push(indent(step.message, '    '));
    }
  }
  return lines.join('\n');
}
