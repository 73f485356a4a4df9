// The comparison as one HTML page: the verdict, the runs, the table of metrics and changed outcomes (a row per
// metric, marked by verdict), and per load scenario both runs' charts overlaid. The page frame and the charts
// are the run report's (harness/report: Chart.js bundled inline, nothing fetched), so a comparison reads like
// the reports it compares; each chart holds two series, base and new.
//
//   renderComparisonHtml(comparison): Promise<string>
import { renderChartFigure } from '../report/charts/chart-figure.ts';
import type { LatencyCurveChart, ThroughputChart } from '../report/charts/chart-spec.ts';
import { escapeHtml, htmlId } from '../report/html/html-escape.ts';
import { renderHtmlPage } from '../report/html/html-page.ts';
import type { Comparison, RunCurves, ScenarioCharts } from './compare-result.ts';
import { formatChange, formatMetricVerdict, formatOutcomeVerdict, formatPValue, formatValue } from './format-values.ts';
import { METRICS } from './metrics.ts';
import { describeOutcomes, testsUsed } from './summary-lines.ts';

/** What the comparison adds to the report's stylesheet: verdict banners and rows marked by verdict. */
const COMPARISON_STYLES = `<style>
.verdict { font-size: 16px; font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; }
.verdict.regressed { background: var(--fail-bg); color: var(--fail); } .verdict.clean { background: var(--pass-bg); color: var(--pass); }
tr.regression td { background: var(--fail-bg); font-weight: 600; } tr.improvement td { background: var(--pass-bg); }
tr.not-testable td { color: var(--muted); }
table.runs { margin-bottom: 20px; }
</style>`;

const td = (text: string, number = false) => `<td${number ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;

function latencyChart(charts: ScenarioCharts): LatencyCurveChart {
  const series = (label: string, curves: RunCurves) => ({ label, points: curves.latencyPercentiles.map(([percentile, ms]) => ({ percentile, ms })) });
  return { kind: 'latency-curve', title: `${charts.scenario}: latency by percentile (HDR)`, series: [series('base', charts.base), series('new', charts.next)] };
}

function throughputChart(charts: ScenarioCharts): ThroughputChart {
  const series = (label: string, curves: RunCurves) => ({
    label,
    points: curves.perSecond.map((responses, second) => ({ second, responses, failures: curves.failedPerSecond?.[second] ?? 0 })),
  });
  return { kind: 'throughput', title: `${charts.scenario}: responses per second`, series: [series('base', charts.base), series('new', charts.next)] };
}

function metricsTable(comparison: Comparison): string[] {
  const changedOutcomes = comparison.outcomes.filter((outcome) => outcome.verdict !== 'unchanged');
  if (comparison.metrics.length === 0 && changedOutcomes.length === 0) return [];
  const rows = [
    '<table class="metrics"><thead><tr><th>scenario</th><th>metric</th><th class="num">base</th><th class="num">new</th><th class="num">change</th><th class="num">p (Holm)</th><th>verdict</th></tr></thead><tbody>',
  ];
  for (const outcome of changedOutcomes) {
    rows.push(`<tr class="${outcome.verdict}">${td(outcome.scenario)}${td('outcome')}${td(outcome.base ?? '-')}${td(outcome.next ?? '-')}${td('')}${td('')}${td(formatOutcomeVerdict(outcome.verdict))}</tr>`);
  }
  for (const metric of comparison.metrics) {
    rows.push(
      `<tr class="${metric.verdict}">${td(metric.scenario)}${td(METRICS[metric.metric].label)}${td(formatValue(metric, metric.base), true)}${td(formatValue(metric, metric.next), true)}` +
        `${td(formatChange(metric), true)}${td(formatPValue(metric.test?.adjustedPValue), true)}${td(formatMetricVerdict(metric))}</tr>`,
    );
  }
  rows.push('</tbody></table>');
  return rows;
}

export function renderComparisonHtml(comparison: Comparison): Promise<string> {
  const { base, next } = comparison;
  const regressed = comparison.verdict === 'regressed';
  const body = [
    COMPARISON_STYLES,
    '<h1>Gauntlet comparison</h1>',
    `<p class="verdict ${regressed ? 'regressed' : 'clean'}">${regressed ? `Regressed: ${comparison.regressions.length} significant regression(s)` : 'No significant regression'}</p>`,
  ];
  if (regressed) body.push(`<ul>${comparison.regressions.map((item) => `<li><strong>${escapeHtml(item.scenario)}</strong>: ${escapeHtml(item.what)}</li>`).join('')}</ul>`);
  body.push('<table class="runs"><thead><tr><th></th><th>run</th><th>started</th><th>gatewayClass</th><th>from</th></tr></thead><tbody>');
  for (const [label, run] of [['base', base] as const, ['new', next] as const]) {
    body.push(`<tr>${td(label)}${td(run.runId)}${td(run.startedAt)}${td(run.gatewayClass)}<td><code>${escapeHtml(run.source)}</code></td></tr>`);
  }
  body.push('</tbody></table>', ...metricsTable(comparison), `<p>${escapeHtml(describeOutcomes(comparison))}</p>`);
  for (const note of comparison.notes) body.push(`<p class="note">Note: ${escapeHtml(note)}</p>`);
  for (const charts of comparison.charts) {
    const id = htmlId('compare', charts.scenario);
    body.push(
      `<section class="scenario" id="${id}"><h2>${escapeHtml(charts.scenario)}</h2><div class="charts">`,
      renderChartFigure(latencyChart(charts), `${id}-latency`),
      renderChartFigure(throughputChart(charts), `${id}-throughput`),
      '</div></section>',
    );
  }
  if (comparison.testCount > 0) {
    body.push(`<h2>How significance was judged</h2><p>alpha ${comparison.alpha}, p-values Holm-adjusted over ${comparison.testCount} tests; a significant change is a regression only past its threshold.</p>`);
    body.push(`<ul>${testsUsed(comparison).map((test) => `<li>${escapeHtml(test)}</li>`).join('')}</ul>`);
  }
  return renderHtmlPage({ title: `Gauntlet comparison: ${base.runId} vs ${next.runId}`, body: body.join('\n') });
}
