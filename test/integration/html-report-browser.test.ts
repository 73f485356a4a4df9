// The HTML report of a real run, looked at in a browser: `gauntlet run` with a scenario that fails on purpose
// (test/fixtures/report-run/misnamed-backend: a typo in a backendRef) and the load scenario, then index.html
// opened from disk in headless Chromium (Debian's, driven by playwright-core). The test checks what the page
// shows, that every chart was drawn, that nothing was fetched and nothing went to the console as an error, and
// leaves a screenshot in the run's folder (report-screenshot.png). It also checks the run's results.json
// against docs/results.schema.json.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { RESULTS_SCHEMA_FILE } from '../../harness/report/results-schema/json-schema-file.ts';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { assertChartsPainted, drawnCharts } from '../support/drawn-charts.ts';
import { CHROMIUM_PATH, openInChromium } from '../support/headless-chromium.ts';
import { runGauntlet } from './run-command.ts';

const failingScenario = join(projectRoot, 'test', 'fixtures', 'report-run', 'misnamed-backend');

describe('the HTML report in a browser', function () {
  this.timeout(240_000);

  it('shows a real run with a failing and a load scenario: summary, failure side by side with status, charts; no console error', async () => {
    assert.ok(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} is missing: apt-get install -y chromium (.ci/run installs it)`);
    const reportsDir = await mkdtemp(join(tmpdir(), 'gauntlet-report-browser-'));
    const result = await runGauntlet(['run', '--scenario', failingScenario, '--scenario', 'weighted-split-under-load', '--reports-dir', reportsDir], {
      cwd: projectRoot,
      timeoutMs: 200_000,
    });
    assert.equal(result.code, 1, `the run must fail (one scenario fails on purpose):\n${result.stderr}`);
    const runDir = join(reportsDir, readlinkSync(join(reportsDir, 'latest')));
    assert.match(result.stderr, /\/index\.html, \S+\/summary\.md in /);

    const validate = new Ajv({ allErrors: true, strict: true, formats: { 'date-time': true } }).compile(JSON.parse(readFileSync(RESULTS_SCHEMA_FILE, 'utf8')));
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as { runId: string };
    assert.ok(validate(results), `results.json against docs/results.schema.json: ${JSON.stringify(validate.errors, null, 2)}`);

    const url = pathToFileURL(join(runDir, 'index.html')).href;
    const opened = await openInChromium(url, { width: 1280, height: 900 });
    const requested: string[] = [];
    opened.page.on('request', (request) => requested.push(request.url()));
    try {
      const { page } = opened;
      await page.reload({ waitUntil: 'load' }); // again, now that requests are watched
      assert.deepEqual(requested, [url], 'the page fetches nothing but itself');

      assert.equal(await page.title(), `Gauntlet run ${results.runId}`);
      assert.equal(await page.textContent('#verdict'), 'FAILED');
      const summary = (await page.textContent('#summary')) ?? '';
      for (const text of ['1 passed', '1 failed', '0 skipped', 'gauntlet-reference', 'v1.6.1 (standard)', 'no conformance scenarios']) assert.ok(summary.includes(text), `summary lacks ${text}: ${summary}`);

      const failure = page.locator('#failure-misnamed-backend');
      const comparison = await failure.locator('table.expected-got tbody tr').allTextContents();
      assert.ok(
        comparison.some((row) => /^status\s*200\s*500$/.test(row.trim())),
        `expected versus got should show status 200 against 500: ${JSON.stringify(comparison)}`,
      );
      const objects = (await failure.locator('.object').allTextContents()).join('\n');
      assert.match(objects, /HTTPRoute gateway-conformance-infra\/misnamed-backend/, 'the route is among the objects');
      assert.match(objects, /ResolvedRefs\s*False\s*BackendNotFound/, "the route's status at that moment says why");
      assert.match(objects, /Gateway gateway-conformance-infra\/same-namespace/, "the step's Gateway is among the objects");

      const charts = await drawnCharts(page);
      const kinds = await page.$$eval('figure.chart', (figures) => figures.map((figure) => figure.className.replace('chart chart-', '')));
      assert.deepEqual(kinds, ['latency-curve', 'throughput', 'split', 'propagation'], 'HDR curve, throughput and the load split of the load scenario; propagation of both');
      assertChartsPainted(charts);
      const rows = await page.$$eval('#scenarios > tbody > tr', (elements) => elements.map((row) => `${row.getAttribute('data-outcome')} ${row.id}`));
      assert.deepEqual(rows, ['failed scenario-misnamed-backend', 'passed scenario-weighted-split-under-load']);

      const screenshot = join(runDir, 'report-screenshot.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      assert.ok((await stat(screenshot)).size > 50_000, 'a screenshot of the whole page');
      assert.deepEqual(opened.consoleErrors, [], 'console errors on the report page');
    } finally {
      await opened.close();
    }
    assert.match(readFileSync(join(runDir, 'summary.md'), 'utf8'), /### Failures[\s\S]*misnamed-backend[\s\S]*\*\*ResolvedRefs=False\*\* BackendNotFound/);
  });
});
