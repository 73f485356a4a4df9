// The comparison as one HTML page: the verdict, the runs, the table of metrics and changed outcomes (a row per
// metric, coloured by verdict), and per load scenario both runs' charts overlaid.
//
//   renderComparisonHtml(comparison): string
import type { Comparison } from './compare-result.ts';
import { scenarioChartsSvg } from './comparison-charts.ts';
import { escapeHtml } from './escape-html.ts';
import { formatChange, formatMetricVerdict, formatOutcomeVerdict, formatPValue, formatValue } from './format-values.ts';
import { htmlPage } from './html-page.ts';
import { METRICS } from './metrics.ts';
import { describeOutcomes, testsUsed } from './summary-lines.ts';

const td = (text: string, number = false) => `<td${number ? ' class="number"' : ''}>${escapeHtml(text)}</td>`;

export function renderComparisonHtml(comparison: Comparison): string {
  const { base, next } = comparison;
  const regressed = comparison.verdict === 'regressed';
  const body = [
    '<h1>Gauntlet comparison</h1>',
    `<p class="verdict ${regressed ? 'regressed' : 'clean'}">${regressed ? `Regressed: ${comparison.regressions.length} significant regression(s)` : 'No significant regression'}</p>`,
  ];
  if (regressed) body.push(`<ul>${comparison.regressions.map((item) => `<li><strong>${escapeHtml(item.scenario)}</strong>: ${escapeHtml(item.what)}</li>`).join('')}</ul>`);
  body.push('<table class="runs"><tr><th></th><th>run</th><th>started</th><th>gatewayClass</th><th>from</th></tr>');
  for (const [label, run] of [['base (dashed)', base] as const, ['new (solid)', next] as const]) {
    body.push(`<tr>${td(label)}${td(run.runId)}${td(run.startedAt)}${td(run.gatewayClass)}<td><code>${escapeHtml(run.source)}</code></td></tr>`);
  }
  body.push('</table>');
  const changedOutcomes = comparison.outcomes.filter((outcome) => outcome.verdict !== 'unchanged');
  if (comparison.metrics.length > 0 || changedOutcomes.length > 0) {
    body.push('<table class="metrics"><tr><th>scenario</th><th>metric</th><th>base</th><th>new</th><th>change</th><th>p (Holm)</th><th>verdict</th></tr>');
    for (const outcome of changedOutcomes) {
      body.push(`<tr class="${outcome.verdict}">${td(outcome.scenario)}${td('outcome')}${td(outcome.base ?? '-')}${td(outcome.next ?? '-')}${td('')}${td('')}${td(formatOutcomeVerdict(outcome.verdict))}</tr>`);
    }
    for (const metric of comparison.metrics) {
      body.push(
        `<tr class="${metric.verdict}">${td(metric.scenario)}${td(METRICS[metric.metric].label)}${td(formatValue(metric, metric.base), true)}${td(formatValue(metric, metric.next), true)}` +
          `${td(formatChange(metric), true)}${td(formatPValue(metric.test?.adjustedPValue), true)}${td(formatMetricVerdict(metric))}</tr>`,
      );
    }
    body.push('</table>');
  }
  body.push(`<p>${escapeHtml(describeOutcomes(comparison))}</p>`);
  for (const note of comparison.notes) body.push(`<p>Note: ${escapeHtml(note)}</p>`);
  for (const charts of comparison.charts) {
    body.push(`<section class="scenario" id="scenario-${escapeHtml(charts.scenario)}"><h2>${escapeHtml(charts.scenario)}</h2><div class="charts">${scenarioChartsSvg(charts).join('')}</div></section>`);
  }
  if (comparison.testCount > 0) {
    body.push(`<h2>How significance was judged</h2><p>alpha ${comparison.alpha}, p-values Holm-adjusted over ${comparison.testCount} tests; a significant change is a regression only past its threshold.</p>`);
    body.push(`<ul>${testsUsed(comparison).map((test) => `<li>${escapeHtml(test)}</li>`).join('')}</ul>`);
  }
  return htmlPage(`Gauntlet comparison: ${base.runId} vs ${next.runId}`, body);
}
