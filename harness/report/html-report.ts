// index.html of a run: one self-contained page with the run's summary, each failure (expected versus got beside
// the objects' status at that moment), the charts (latency HDR curve, throughput over time, splits against
// their weights, route propagation) and every scenario with its steps.
//
//   renderHtmlReport(run): Promise<string>
import { renderChartFigure } from './charts/chart-figure.ts';
import { runCharts } from './charts/run-charts.ts';
import { renderFailure } from './html/failure-view.ts';
import { renderHtmlPage } from './html/html-page.ts';
import { renderRunOverview } from './html/run-overview.ts';
import { renderScenarioTable } from './html/scenario-table.ts';
import type { RunResult } from './run-result.ts';

export async function renderHtmlReport(run: RunResult): Promise<string> {
  const failed = run.scenarios.filter((scenario) => scenario.outcome === 'failed');
  const charts = runCharts(run);
  const body = [
    renderRunOverview(run),
    ...(failed.length > 0 ? [`<h2 id="failures">Failures (${failed.length})</h2>`, ...failed.map(renderFailure)] : []),
    '<h2 id="charts">Charts</h2>',
    charts.length > 0
      ? `<div class="charts">${charts.map((spec, index) => renderChartFigure(spec, `chart-${index}`)).join('\n')}</div>`
      : '<p class="note">This run measured nothing to chart (no load phase, split or propagation).</p>',
    `<h2>Scenarios (${run.scenarios.length})</h2>`,
    renderScenarioTable(run),
    `<footer>Written by gauntlet from results.json (schema version ${run.schemaVersion}); <code>gauntlet report &lt;run-dir&gt;</code> renders it again.</footer>`,
  ];
  return await renderHtmlPage({ title: `Gauntlet run ${run.runId}`, body: body.join("\n") });
}
