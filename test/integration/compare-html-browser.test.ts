// The comparison view of `gauntlet compare --html`, looked at in a browser (Debian's chromium through
// playwright-core, as the run report's test does): two runs where the second is slower, both runs' latency
// curves and throughput overlaid in the run report's charts, every chart drawn, nothing fetched, no console
// error. It leaves comparison-screenshot.png beside the page in its temporary folder. The trends page of
// `--history` is looked at the same way: one drawn chart per metric, over every kept run.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { assertChartsPainted, drawnCharts } from '../support/drawn-charts.ts';
import { CHROMIUM_PATH, openInChromium } from '../support/headless-chromium.ts';
import { latencies, runResults } from '../unit/compare/run-fixtures.ts';
import { runGauntlet } from './run-command.ts';

describe('the comparison view in a browser', function () {
  this.timeout(120_000);

  it('overlays both runs in drawn charts, fetches nothing and logs no error', async () => {
    assert.ok(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} is missing: apt-get install -y chromium (.ci/run installs it)`);
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-compare-browser-'));
    const load = (seed: number, addMs: number) => [{ id: 'load-a', load: { latenciesMs: latencies(6000, seed, 2, addMs), perSecond: [1000, 1010, 990, 1000, 1005, 995] } }];
    await writeFile(join(dir, 'base.json'), JSON.stringify(runResults('base', load(1, 0))));
    await writeFile(join(dir, 'slow.json'), JSON.stringify(runResults('slow', load(3, 5), '2026-12-03T02:00:00.000Z')));
    const html = join(dir, 'comparison.html');
    const result = await runGauntlet(['compare', join(dir, 'base.json'), join(dir, 'slow.json'), '--html', html], { cwd: projectRoot, timeoutMs: 60_000 });
    assert.equal(result.code, 1, result.stderr);

    const url = pathToFileURL(html).href;
    const opened = await openInChromium(url);
    const requested: string[] = [];
    opened.page.on('request', (request) => requested.push(request.url()));
    try {
      const { page } = opened;
      await page.reload({ waitUntil: 'load' });
      assert.deepEqual(requested, [url], 'the page fetches nothing but itself');
      assert.equal(await page.title(), 'Gauntlet comparison: base vs slow');
      assert.match((await page.textContent('p.verdict')) ?? '', /^Regressed: \d+ significant regression\(s\)$/);
      const charts = await drawnCharts(page);
      assert.equal(charts.length, 2, 'latency curve and throughput of the one load scenario');
      assertChartsPainted(charts);
      const screenshot = join(dir, 'comparison-screenshot.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      assert.ok((await stat(screenshot)).size > 20_000, 'a screenshot of the whole page');
      assert.deepEqual(opened.consoleErrors, [], 'console errors on the comparison page');
    } finally {
      await opened.close();
    }
  });

  it('draws the trends of --history: latency, throughput and errors over every kept run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-trends-browser-'));
    const history = join(dir, 'nightly');
    for (const [index, addMs] of [0, 0, 4].entries()) {
      const file = join(dir, `run-${index}.json`);
      const load = [{ id: 'load-a', load: { latenciesMs: latencies(3000, index + 1, 2, addMs), perSecond: [1000, 1010, 990] } }];
      await writeFile(file, JSON.stringify(runResults(`run-${index}`, load, `2026-12-0${index + 1}T02:00:00.000Z`)));
      const result = await runGauntlet(['compare', file, '--history', history], { cwd: projectRoot, timeoutMs: 60_000 });
      assert.equal(result.code, index === 2 ? 1 : 0, result.stderr);
    }
    const url = pathToFileURL(join(history, 'trends.html')).href;
    const opened = await openInChromium(url);
    try {
      const charts = await opened.page.$$eval('canvas[data-chart-spec]', (canvases) => canvases.map((element) => (element as HTMLCanvasElement).dataset.drawn));
      assert.deepEqual(charts, ['true', 'true', 'true'], 'latency percentiles, throughput and error rate, each drawn');
      const p99Row = await opened.page.$$eval('figure.chart-trend table.data tbody tr', (rows) => rows.map((row) => row.textContent ?? ''));
      assert.equal(p99Row.length, 9, 'three runs in each of the three data tables');
      await opened.page.screenshot({ path: join(dir, 'trends-screenshot.png'), fullPage: true });
      assert.deepEqual(opened.consoleErrors, [], 'console errors on the trends page');
    } finally {
      await opened.close();
    }
  });
});
