// HTTPRouteRetry through the CLI as CI runs it: `retry` exists only in the experimental channel's CRDs, so the
// main job (standard) skips the scenario; `gauntlet run --channel experimental` installs that bundle and the
// scenario must pass there against the reference implementation, with every one of its requests.
import assert from 'node:assert/strict';
import { readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { processesMentioning, runGauntlet } from './run-command.ts';

interface ResultsFile {
  gatewayAPI: { version: string; channel: string };
  scenarios: { id: string; outcome: string; steps: { name: string; outcome: string }[] }[];
}

describe('gauntlet run --channel experimental (HTTPRouteRetry)', function () {
  this.timeout(240_000);

  it('passes the retry scenario with every request, on the experimental CRDs', async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'gauntlet-reports-'));
    const args = ['run', '--channel', 'experimental', '--scenario', 'httproute-retry', '--reports-dir', reportsDir];
    const result = await runGauntlet(args, { cwd: projectRoot, timeoutMs: 200_000 });
    assert.equal(result.code, 0, `gauntlet run --channel experimental failed:\n${result.stderr}`);
    assert.match(result.stderr, /PASS\s+httproute-retry\s+HTTPRouteRetry/);
    assert.match(result.stderr, /1 passed, 0 failed, 0 skipped/);

    const runDir = join(reportsDir, readlinkSync(join(reportsDir, 'latest')));
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as ResultsFile;
    assert.deepEqual(results.gatewayAPI, { version: 'v1.6.1', channel: 'experimental' });
    const [retry] = results.scenarios;
    assert.equal(retry?.id, 'httproute-retry');
    assert.equal(retry?.outcome, 'passed', JSON.stringify(retry?.steps));
    const requests = retry?.steps.filter((step) => step.name.startsWith('request:')) ?? [];
    // Upstream's ten cases, the boundaries of both policies (the last retry is made) and a code not listed.
    assert.equal(requests.length, 14, requests.map((step) => step.name).join('\n'));
    assert.ok(requests.every((step) => step.outcome === 'passed'));

    const report = parse(readFileSync(join(runDir, 'experimental-0.1.0-default-report.yaml'), 'utf8')) as { gatewayAPIChannel: string; profiles: { name: string; extended?: { supportedFeatures?: string[] } }[] };
    assert.equal(report.gatewayAPIChannel, 'experimental');
    const http = report.profiles.find((profile) => profile.name === 'GATEWAY-HTTP');
    assert.ok(http?.extended?.supportedFeatures?.includes('HTTPRouteRetry'), JSON.stringify(http));
    assert.deepEqual(await processesMentioning(reportsDir), [], 'processes of this run left running');
  });
});
