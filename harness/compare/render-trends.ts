// The history of a nightly job, drawn: per load scenario its latency percentiles, throughput and error rate
// across the kept runs (one HTML page, charts drawn by the run report's bundled Chart.js), and sparklines of the
// same for the terminal and Markdown summaries; scenarios whose outcome was not always "passed" get a row of
// marks per run.
//
//   renderTrendsHtml(trends, title): Promise<string>
//   trendSummaryLines(trends): string[]
import { renderChartFigure } from '../report/charts/chart-figure.ts';
import type { TrendChart } from '../report/charts/chart-spec.ts';
import { escapeHtml, htmlId } from '../report/html/html-escape.ts';
import { renderHtmlPage } from '../report/html/html-page.ts';
import { sparkline, type Trends } from './trends.ts';

const outcomeMarks = { passed: '✔', failed: '✘', skipped: '–' } as const;

export function renderTrendsHtml(trends: Trends, title: string): Promise<string> {
  const { runs } = trends;
  const label = (index: number) => `${runs[index]?.runId ?? ''} (${runs[index]?.startedAt ?? ''})`;
  // Run numbers on the axis (ids are long); the data table under each chart names each run in full.
  const runLabels = runs.map((_, index) => String(index + 1));
  const scaled = (values: (number | null)[], scale: number) => values.map((value) => (value === null ? null : value * scale));
  const body = [`<h1>${escapeHtml(title)}</h1>`, `<p>${runs.length} runs, oldest first: ${runs.length > 0 ? `${escapeHtml(label(0))} to ${escapeHtml(label(runs.length - 1))}` : 'none yet'}.</p>`];
  if (runs.length > 0) body.push(`<details><summary>Runs</summary><ol>${runs.map((_, index) => `<li>${escapeHtml(label(index))}</li>`).join('')}</ol></details>`);
  for (const { scenario, values } of trends.load) {
    const charts: TrendChart[] = [
      {
        kind: 'trend',
        title: `${scenario}: latency percentiles`,
        unit: 'ms',
        runs: runLabels,
        series: [
          { label: 'p50', values: values['latency.p50'] },
          { label: 'p90', values: values['latency.p90'] },
          { label: 'p99', values: values['latency.p99'] },
        ],
      },
      { kind: 'trend', title: `${scenario}: throughput`, unit: 'requests/s', runs: runLabels, series: [{ label: 'requests/s', values: values.throughput }] },
      { kind: 'trend', title: `${scenario}: error rate`, unit: '%', runs: runLabels, series: [{ label: 'error rate %', values: scaled(values.errors, 100) }] },
    ];
    body.push(`<section><h2>${escapeHtml(scenario)}</h2>${charts.map((chart, index) => renderChartFigure(chart, htmlId(`trend-${index}`, scenario))).join('\n')}</section>`);
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
  return renderHtmlPage({ title, body: body.join('\n') });
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
