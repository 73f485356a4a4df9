import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { k6PlanOfLoad } from '../../../../harness/load/k6/k6-plan-of-load.ts';
import { generateK6Script, k6Options } from '../../../../harness/load/k6/k6-script.ts';
import { loadScenarios } from '../../../../harness/scenario/load-scenarios.ts';

const projectRoot = fileURLToPath(new URL('../../../../', import.meta.url));

async function throughputLatencyLoads(profile: 'smoke' | 'nightly') {
  const [scenario] = await loadScenarios(join(projectRoot, 'scenarios/load/throughput-latency'), { profile });
  const [open, closed] = scenario?.loads ?? [];
  assert.ok(open && closed, 'scenario 1 has an open and a closed run');
  return { open, closed };
}

describe('k6 script generation', function () {
  this.timeout(60_000);

  it("turns scenario 1's open-model run into a constant-arrival-rate executor with the scenario's thresholds", async () => {
    const { open } = await throughputLatencyLoads('nightly');
    const options = k6Options(k6PlanOfLoad(open, { host: '127.0.0.1', port: 8080 }));
    assert.deepEqual(options.scenarios, {
      gauntlet: { executor: 'constant-arrival-rate', rate: 1000, timeUnit: '1s', duration: '30000ms', preAllocatedVUs: 32, maxVUs: 32 },
    });
    assert.deepEqual(options.thresholds, { gauntlet_failed: ['count<=0'], http_req_duration: ['p(99)<=250'] });
  });

  it('writes a closed-model run as constant VUs and atLeast bounds as >= thresholds', async () => {
    const { closed } = await throughputLatencyLoads('smoke');
    const options = k6Options(k6PlanOfLoad(closed, { host: '127.0.0.1', port: 8080 }));
    assert.deepEqual(options.scenarios, { gauntlet: { executor: 'constant-vus', vus: 16, duration: '2000ms' } });
    assert.deepEqual(options.thresholds?.http_reqs, ['rate>=200']);
  });

  it('generates a script that type-checks against @types/k6 and sends the scenario request', async () => {
    const { open } = await throughputLatencyLoads('smoke');
    const script = generateK6Script(k6PlanOfLoad(open, { host: '127.0.0.1', port: 8080 }));
    assert.match(script, /^const URL = "http:\/\/127\.0\.0\.1:8080\/";$/m);
    assert.match(script, /"headers":\{"Host":"simple\.load\.example\.com"\}/);
    assert.match(script, /export function handleSummary\(data: object\)/);
    // tsc resolves k6/* to @types/k6 from a folder inside the project.
    const cache = join(projectRoot, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'k6-script-'));
    try {
      writeFileSync(join(dir, 'script.ts'), script);
      const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
      const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--types', 'k6', '--skipLibCheck', '--ignoreConfig', join(dir, 'script.ts')];
      try {
        execFileSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8' });
      } catch (error) {
        assert.fail(`the generated script does not type-check against @types/k6:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
