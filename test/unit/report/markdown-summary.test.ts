import assert from 'node:assert/strict';
import { renderMarkdownSummary } from '../../../harness/report/markdown-summary.ts';
import { sampleRun } from './sample-run.ts';

describe('summary.md', () => {
  const markdown = renderMarkdownSummary(sampleRun());

  it('leads with the verdict and counts, then what was tested where', () => {
    const lines = markdown.split('\n');
    assert.equal(lines[0], '## Gauntlet run `20261126-054000-ab12`: ❌ failed');
    assert.equal(lines[2], '**2 passed, 1 failed, 1 skipped**');
    assert.ok(lines.includes('| Profiles | GATEWAY-HTTP: core failure, extended partial |'));
    assert.ok(lines.includes('| Gateway API | v1.6.1 (standard) |'));
  });

  it('shows each failure as expected versus got with the conditions that were not True, escaped for tables', () => {
    assert.match(markdown, /<summary>❌ httproute-header-matching \(HTTPRouteHeaderMatching\)<\/summary>/);
    assert.match(markdown, /\| backend \| infra-backend-v2 \| infra-backend-v1 \(pod infra-backend-v1-7f9c-abcde\) &lt;script&gt; \|/);
    assert.match(markdown, /- HTTPRoute gateway-conformance-infra\/header-matching parent same-namespace: \*\*ResolvedRefs=False\*\* BackendNotFound service "infra-backend-v9" not found/);
    assert.match(markdown, /- GatewayClass gone: did not exist/);
  });

  it('has the load figures and every scenario, with why one was skipped', () => {
    assert.match(markdown, /\| weighted-split-under-load \| 3000 \| 2 \| 3 \| 7\.5 \| 30 \| 0 \|/);
    assert.match(markdown, /\| ⏭️ \| httproute-request-mirror \| HTTPRouteRequestMirror \| 0 ms \| HTTPRouteRequestMirror is not supported \|/);
    assert.match(markdown, /\| ❌ \| httproute-header-matching \| HTTPRouteHeaderMatching \| 30\.0 s \| failed at GET \/ version: two -&gt; 200 infra-backend-v2 \|/);
  });

  it('keeps a code fence closed whatever the message holds', () => {
    const run = sampleRun();
    const step = run.scenarios[1]?.steps[1];
    if (step) step.message = 'body:\n```\nnot the end';
    const text = renderMarkdownSummary(run);
    assert.match(text, /\n````\nbody:\n```\nnot the end\n````\n/);
  });
});
