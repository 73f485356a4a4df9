// summary.md: the run's summary for CI job summaries ($GITHUB_STEP_SUMMARY) and pull-request comments — the
// verdict, what was tested where, load figures, and each failure with expected versus got and the objects'
// conditions that were not True, folded so a green run stays short and a red one leads with why.
//
//   renderMarkdownSummary(run): string
import { buildConformanceReport } from './conformance-report.ts';
import { conditionGroups } from './html/object-status-view.ts';
import { formatDurationMs } from './html/run-overview.ts';
import { countOutcomes, type Outcome, type RunResult, type ScenarioResult, type StepResult } from './run-result.ts';

const MARKS: Record<Outcome, string> = { passed: '✅', failed: '❌', skipped: '⏭️' };

/** Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML. */
export function cell(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

/** A fenced block whose fence no line of the text can close. */
function fenced(text: string, info = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function notTrueConditions(step: StepResult): string[] {
  return (step.objects ?? []).flatMap((object) => {
    const name = `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
    if (object.readError !== undefined) return [`- ${cell(name)}: could not be read (${cell(object.readError)})`];
    if (!object.found) return [`- ${cell(name)}: did not exist`];
    return conditionGroups(object.status).flatMap((group) =>
      group.conditions
        .filter((condition) => condition.status !== 'True')
        .map((condition) => `- ${cell(name)} ${cell(group.label)}: **${cell(`${String(condition.type)}=${String(condition.status)}`)}** ${cell(String(condition.reason ?? ''))} ${cell(String(condition.message ?? ''))}`.trimEnd()),
    );
  });
}

function failedStep(step: StepResult): string[] {
  const lines = [`**${cell(step.name)}**`, ''];
  if (step.comparisons && step.comparisons.length > 0) {
    lines.push(...table(['what', 'expected', 'got'], step.comparisons.map((comparison) => [cell(comparison.field), cell(comparison.expected), cell(comparison.actual)])), '');
  }
  const conditions = notTrueConditions(step);
  if (conditions.length > 0) lines.push('Conditions not True at that moment:', '', ...conditions, '');
  if (step.message) lines.push(fenced(step.message), '');
  return lines;
}

function failure(scenario: ScenarioResult): string[] {
  const title = `${MARKS.failed} ${cell(scenario.id)}${scenario.conformanceTest ? ` (${cell(scenario.conformanceTest)})` : ''}`;
  const steps = scenario.steps.filter((step) => step.outcome === 'failed');
  return ['<details open>', `<summary>${title}</summary>`, '', ...steps.flatMap(failedStep), '</details>', ''];
}

/** Why a scenario was skipped, or the step it failed at. */
function noteOf(scenario: ScenarioResult): string {
  if (scenario.outcome === 'passed') return '';
  const step = scenario.steps.find((each) => each.outcome === scenario.outcome);
  return scenario.outcome === 'skipped' ? (step?.message ?? '') : `failed at ${step?.name ?? '?'}`;
}

function overview(run: RunResult): string[] {
  const profiles = buildConformanceReport(run).profiles.map((profile) => `${profile.name}: core ${profile.core.result}${profile.extended ? `, extended ${profile.extended.result}` : ''}`);
  return table(
    ['', ''],
    [
      ['Implementation', cell(`${run.implementation.project} ${run.implementation.version}`)],
      ['GatewayClass', `\`${cell(run.gatewayClass)}\``],
      ['Cluster', cell(run.cluster.provider)],
      ['Gateway API', cell(`${run.gatewayAPI.version} (${run.gatewayAPI.channel})`)],
      ['Profiles', cell(profiles.join('; ') || 'no conformance scenarios')],
      ['Duration', cell(formatDurationMs(Date.parse(run.finishedAt) - Date.parse(run.startedAt)))],
    ],
  );
}

export function renderMarkdownSummary(run: RunResult): string {
  const counts = countOutcomes(run.scenarios);
  const verdict = counts.failed > 0 ? `${MARKS.failed} failed` : `${MARKS.passed} passed`;
  const lines = [`## Gauntlet run \`${cell(run.runId)}\`: ${verdict}`, '', `**${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped**`, '', ...overview(run), ''];
  const failed = run.scenarios.filter((scenario) => scenario.outcome === 'failed');
  if (failed.length > 0) lines.push('### Failures', '', ...failed.flatMap(failure));
  const loads = run.scenarios.filter((scenario) => scenario.load);
  if (loads.length > 0) {
    const rows = loads.map(({ id, load }) =>
      load ? [cell(id), load.requests.perSecond.toFixed(0), String(load.latency.p50Ms), String(load.latency.p90Ms), String(load.latency.p99Ms), String(load.latency.maxMs), String(load.errors + load.non2xx)] : [],
    );
    lines.push('### Load', '', ...table(['scenario', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors'], rows), '');
  }
  const scenarioRows = run.scenarios.map((scenario) => [MARKS[scenario.outcome], cell(scenario.id), cell(scenario.conformanceTest ?? '–'), cell(formatDurationMs(scenario.durationMs)), cell(noteOf(scenario))]);
  lines.push('<details>', `<summary>All ${run.scenarios.length} scenarios</summary>`, '', ...table(['', 'scenario', 'upstream test', 'time', 'note'], scenarioRows), '', '</details>', '');
  return lines.join('\n');
}
