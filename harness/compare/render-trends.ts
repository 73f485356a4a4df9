// The history of a nightly job, drawn: per load scenario its latency percentiles, throughput and error rate
// across the kept runs (one HTML page), and sparklines of the same for the terminal and Markdown summaries;
// scenarios whose outcome was not always "passed" get a row of marks per run.
//
//   renderTrendsHtml(trends, title): string
//   trendSummaryLines(trends): string[]
import { escapeHtml } from './escape-html.ts';
import { htmlPage } from './html-page.ts';
import { renderLineChart } from './svg-line-chart.ts';
import { sparkline, type TrendMetric, type Trends } from './trends.ts';

const colors: Record<TrendMetric, string> = {
  'latency.p50': '#4e79a7',
  'latency.p90': '#f28e2b',
  'latency.p99': '#e15759',
  throughput: '#59a14f',
  errors: '#b07aa1',
};

const outcomeMarks = { passed: '✔', failed: '✘', skipped: '–' } as const;

export function renderTrendsHtml(trends: Trends, title: string): string {
  const { runs } = trends;
  const label = (index: number) => `${runs[index]?.runId ?? ''} (${runs[index]?.startedAt ?? ''})`;
  const every = Math.ceil(runs.length / 12);
  const xTicks = runs.map((_, index) => ({ value: index, label: String(index + 1) })).filter(({ value }) => value % every === 0);
  const series = (values: (number | null)[], metric: TrendMetric, name: string, scale = 1) => {
    const kept = values.map((value, index) => [index, value] as const).filter((pair): pair is readonly [number, number] => pair[1] !== null);
    return { name, color: colors[metric], points: kept.map(([index, value]): [number, number] => [index, value * scale]), labels: kept.map(([index, value]) => `${name} in run ${label(index)}: ${Number((value * scale).toPrecision(4))}`) };
  };
  const body = [`<h1>${escapeHtml(title)}</h1>`, `<p>${runs.length} runs, oldest first: ${runs.length > 0 ? `${escapeHtml(label(0))} to ${escapeHtml(label(runs.length - 1))}` : 'none yet'}.</p>`];
  for (const { scenario, values } of trends.load) {
    const charts = [
      renderLineChart({
        title: 'Latency percentiles',
        yLabel: 'ms',
        xTicks,
        series: [series(values['latency.p50'], 'latency.p50', 'p50'), series(values['latency.p90'], 'latency.p90', 'p90'), series(values['latency.p99'], 'latency.p99', 'p99')],
      }),
      renderLineChart({ title: 'Throughput', yLabel: 'requests/s', xTicks, series: [series(values.throughput, 'throughput', 'requests/s')] }),
      renderLineChart({ title: 'Error rate', yLabel: '%', xTicks, series: [series(values.errors, 'errors', 'error rate %', 100)] }),
    ];
    body.push(`<section><h2>${escapeHtml(scenario)}</h2><div class="charts">${charts.join('')}</div></section>`);
  }
  const unsteady = trends.outcomes.filter(({ outcomes }) => outcomes.some((outcome) => outcome !== 'passed'));
  body.push('<h2>Outcomes</h2>');
  if (unsteady.length === 0) body.push(`<p>All ${trends.outcomes.length} scenarios passed in every run.</p>`);
  else {
    body.push(`<p>Scenarios that did not pass in every run (✔ passed, ✘ failed, – skipped, blank: not in that run); the other ${trends.outcomes.length - unsteady.length} always passed.</p>`);
    body.push(`<table><tr><th>scenario</th>${runs.map((_, index) => `<th title="${escapeHtml(label(index))}">${index + 1}</th>`).join('')}</tr>`);
    for (const { scenario, outcomes } of unsteady) {
      body.push(`<tr><td>${escapeHtml(scenario)}</td>${outcomes.map((outcome) => `<td>${outcome ? outcomeMarks[outcome] : ''}</td>`).join('')}</tr>`);
    }
    body.push('</table>');
  }
  return htmlPage(title, body);
}

export function trendSummaryLines(trends: Trends): string[] {
  const lines: string[] = [];
  const last = (values: (number | null)[]) => [...values].reverse().find((value) => value !== null);
  for (const { scenario, values } of trends.load) {
    const p99 = values['latency.p99'];
    const throughput = values.throughput;
    lines.push(`${scenario}: p99 ${sparkline(p99)} (now ${last(p99) ?? '-'} ms), throughput ${sparkline(throughput)} (now ${Math.round(last(throughput) ?? 0)}/s)`);
  }
  return lines;
}
