// The HTML report as text: what it says about a run, that everything from the run is escaped, that each chart's
// spec is embedded and drawn by an inline script, and that nothing is fetched. (The browser test draws it.)
import assert from 'node:assert/strict';
import type { ChartSpec } from '../../../harness/report/charts/chart-spec.ts';
import { renderHtmlReport } from '../../../harness/report/html-report.ts';
import type { RunResult } from '../../../harness/report/run-result.ts';
import { sampleRun } from './sample-run.ts';

function embeddedSpecs(html: string): ChartSpec[] {
  return [...html.matchAll(/<script type="application\/json" id="(chart-\d+-spec)">(.*?)<\/script>/gs)].map((match) => JSON.parse(match[2] ?? '') as ChartSpec);
}

describe('the HTML report (index.html)', function () {
  this.timeout(30_000);
  let html: string;
  before(async () => {
    html = await renderHtmlReport(sampleRun());
  });

  it('is one self-contained page: inline style and script, no external resource, a policy that forbids any', () => {
    assert.match(html, /^<!doctype html>\n<html lang="en">/);
    assert.doesNotMatch(html, /<link\b|<script[^>]+\bsrc=|<img[^>]+\bsrc="(?!data:)|@import|url\(http/i);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">/);
    // The bundled script carries Chart.js (its licence comment kept) and nothing that ends the element early.
    const script = html.slice(html.lastIndexOf('<script>') + '<script>'.length, html.lastIndexOf('</script>'));
    assert.match(script, /Chart\.js v4\.\d+\.\d+/);
    assert.doesNotMatch(script, /<\/script/i);
  });

  it('gives the summary: verdict, implementation, class, cluster, Gateway API, profiles, counts', () => {
    assert.match(html, /<h1>Gauntlet run 20261126-054000-ab12 <span class="badge failed" id="verdict">FAILED<\/span><\/h1>/);
    for (const text of ['reference-impl v0.1.0', 'v1.6.1 (standard)', 'GATEWAY-HTTP: core failure, extended partial', '2 passed', '1 failed', '1 skipped', '1 min 31 s']) {
      assert.ok(html.includes(text), `missing ${text}`);
    }
  });

  it('shows a failure as expected versus got beside the objects’ conditions, escaping what came from the run', () => {
    const failure = html.slice(html.indexOf('<section class="failure" id="failure-httproute-header-matching">'), html.indexOf('</section>'));
    assert.match(failure, /<td class="expected">infra-backend-v2<\/td><td class="actual">infra-backend-v1 \(pod infra-backend-v1-7f9c-abcde\) &lt;script&gt;<\/td>/);
    assert.match(failure, /HTTPRoute gateway-conformance-infra\/header-matching/);
    assert.match(failure, /<td>ResolvedRefs<\/td><td class="status-False">False<\/td><td>BackendNotFound<\/td><td>service &quot;infra-backend-v9&quot; not found<\/td>/);
    assert.match(failure, /GatewayClass gone<\/span> <span class="meta">did not exist/);
    assert.match(html, /header &lt;matching&gt; &amp; &quot;precedence&quot;/);
    assert.doesNotMatch(html, /<script>\s*<\/td>|<html>&/);
  });

  it('embeds a spec for each chart the run has data for, in order, with its numbers as a table', () => {
    const specs = embeddedSpecs(html);
    assert.deepEqual(
      specs.map((spec) => [spec.kind, spec.title]),
      [
        ['latency-curve', 'Latency by percentile (HDR), per load phase'],
        ['throughput', 'Throughput over time, per load phase'],
        ['split', 'Traffic split: httproute-simple-same-namespace: split: 70/30'],
        ['split', 'Traffic split: weighted-split-under-load: load'],
        ['propagation', 'Route propagation: from apply to the first passing answer'],
      ],
    );
    assert.equal((html.match(/<canvas role="img"/g) ?? []).length, 5);
    assert.match(html, /<tr><td>weighted-split-under-load<\/td><td>p99\.9<\/td><td>18<\/td><\/tr>/);
    assert.match(html, /<tr><td>httproute-simple-same-namespace: GET \/ -&gt; 200<\/td><td>412<\/td><\/tr>/);
  });

  it('lists every scenario with its steps and says when there is nothing to chart', async () => {
    assert.equal((html.match(/<tr id="scenario-/g) ?? []).length, 4);
    assert.match(html, /propagation 412 ms/);
    const bare: RunResult = { ...sampleRun(), scenarios: sampleRun().scenarios.filter((scenario) => scenario.outcome === 'skipped') };
    const plain = await renderHtmlReport(bare);
    assert.match(plain, /This run measured nothing to chart/);
    assert.match(plain, /id="verdict">PASSED</);
    assert.doesNotMatch(plain, /<h2 id="failures">/);
  });
});
