// The main job end to end, as a user runs it: `gauntlet run` starts the local cluster, runs every scenario
// through the reference implementation with real traffic, writes the reports and leaves nothing running.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateResults } from '../../harness/report/results-schema/validate-results.ts';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { loadScenarios } from '../../harness/scenario/load-scenarios.ts';
import { processesMentioning, runGauntlet } from './run-command.ts';
import { experimentalScenarioIds } from './support/experimental-scenarios.ts';

interface ResultsFile {
  schemaVersion: number;
  scenarios: { id: string; outcome: string; steps: { name: string; outcome: string }[] }[];
}

describe('gauntlet run (the main job)', function () {
  // A hang guard, not a timing assertion: the full run (gRPC and TCP scenarios included) took up to 440 s on a
  // loaded 2-core machine.
  this.timeout(660_000);

  it('passes every scenario on the local cluster (skipping those of the experimental channel), writes the reports and stops everything', async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'gauntlet-reports-'));
    const result = await runGauntlet(['run', '--reports-dir', reportsDir], { cwd: projectRoot, timeoutMs: 600_000 });
    assert.equal(result.code, 0, `gauntlet run failed:\n${result.stderr}`);
    assert.match(result.stderr, /✔ start the local cluster/);
    assert.match(result.stderr, /✔ install the reference implementation/);

    const runDir = join(reportsDir, readlinkSync(join(reportsDir, 'latest')));
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as ResultsFile;
    assert.equal(results.schemaVersion, 1);
    assert.deepEqual(validateResults(results), [], 'results.json matches docs/results.schema.json');
    assert.ok(existsSync(join(runDir, 'index.html')) && existsSync(join(runDir, 'summary.md')), 'the HTML report and summary.md are written');
    assert.ok(results.scenarios.length >= 6, `expected at least 6 scenarios, got ${results.scenarios.length}`);
    const experimental = await experimentalScenarioIds();
    const skipped = results.scenarios.filter((scenario) => experimental.includes(scenario.id));
    assert.deepEqual(
      skipped.map((scenario) => [scenario.id, scenario.outcome, scenario.steps.map((step) => step.name)]),
      experimental.map((id) => [id, 'skipped', ['channel experimental']]),
      'a standard run skips exactly the scenarios that need the experimental channel, saying so',
    );
    // Every scenario that declares traffic (at the top or in a phase) sent it; upstream's status-only tests
    // (an invalid listener has no address to send to) declare none.
    const declaresTraffic = new Map(
      (await loadScenarios(join(projectRoot, 'scenarios'))).map((scenario) => [
        scenario.id,
        [scenario, ...scenario.phases].some((part) => part.requests.length > 0 || part.splits.length > 0) ||
          scenario.loads.length > 0 ||
          scenario.propagation !== undefined ||
          scenario.routeScale !== undefined,
      ]),
    );
    for (const scenario of results.scenarios.filter((each) => !experimental.includes(each.id))) {
      assert.equal(scenario.outcome, 'passed', `${scenario.id}: ${JSON.stringify(scenario.steps)}`);
      if (declaresTraffic.get(scenario.id) === false) continue;
      assert.ok(
        scenario.steps.some((step) => /^(.*: )?(request|split|load|propagation|route scale):/.test(step.name)),
        `${scenario.id} sent no traffic`,
      );
    }

    const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testsuites[^>]* failures="0"/);
    const report = parse(readFileSync(join(runDir, 'standard-0.1.0-default-report.yaml'), 'utf8')) as { kind: string; apiVersion: string; gatewayAPIVersion: string };
    assert.equal(report.kind, 'ConformanceReport');
    assert.equal(report.apiVersion, 'gateway.networking.k8s.io/v1');
    assert.equal(report.gatewayAPIVersion, 'v1.6.1');

    assert.ok(existsSync(join(runDir, 'cluster', 'kubeconfig')), 'the run folder keeps the cluster state (pod logs) for debugging');
    // Security: the run served and refused many certificates (flawed ones too); no private key reaches a report,
    // a pod's log (the controller's and the proxies' among them) or the run's output, in PEM or as base64 PEM
    // (a Secret's data): "PRIVATE KEY" encoded at each of the three offsets base64 can start it at.
    const keyMaterial = /PRIVATE KEY|UFJJVkFURSBLRV|SVZBVEUgS0VZ|UklWQVRFIEtF/;
    const written = readdirSync(runDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name !== 'kubeconfig');
    assert.ok(written.some((entry) => entry.name.endsWith('.log')), 'pod logs are among the files checked');
    for (const entry of written) assert.doesNotMatch(readFileSync(join(entry.parentPath, entry.name), 'utf8'), keyMaterial, `${join(entry.parentPath, entry.name)} holds key material`);
    assert.doesNotMatch(result.stdout + result.stderr, keyMaterial, 'the run printed key material');
    assert.deepEqual(await processesMentioning(reportsDir), [], 'processes of this run left running');
  });

  it('fails a scenario whose manifest has a typo at apply, naming the field and the manifest line', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'gauntlet-typo-')), 'typo-in-manifest');
    await mkdir(dir);
    await writeFile(
      join(dir, 'scenario.yaml'),
      [
        'id: typo-in-manifest',
        'description: a route whose backendRefs field is misspelt',
        'profile: GATEWAY-HTTP',
        'features: [Gateway, HTTPRoute]',
        'manifests: [manifests.yaml]',
        'requests:',
        '  - gateway: gateway-conformance-infra/same-namespace',
        '    http: { host: typo.example.com, path: / }',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'manifests.yaml'),
      [
        '# a comment, so the object starts on line 2',
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: HTTPRoute',
        'metadata: { name: typo, namespace: gateway-conformance-infra }',
        'spec:',
        '  parentRefs: [{ name: same-namespace }]',
        '  hostnames: [typo.example.com]',
        '  rules:',
        '    - backendRef: [{ name: infra-backend-v1, port: 8080 }]',
        '',
      ].join('\n'),
    );
    const reportsDir = await mkdtemp(join(tmpdir(), 'gauntlet-reports-'));
    const result = await runGauntlet(['run', '--scenario', dir, '--reports-dir', reportsDir], { cwd: projectRoot, timeoutMs: 120_000 });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /✘ apply manifests/);
    assert.match(result.stderr, /manifests\.yaml:2\b/);
    assert.match(result.stderr, /unknown field "spec\.rules\[0\]\.backendRef"/);
    assert.match(result.stderr, /– request: .*not run: an earlier step of this scenario failed/);
  });

  it('refuses a broken scenario before starting anything, naming file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-bad-scenario-'));
    const file = join(dir, 'scenario.yaml');
    await writeFile(file, 'id: broken\ndescription: a scenario with a typo\nrequests:\n  - gateway: {namespace: x, name: y}\n    port: eighty\n');
    const result = await runGauntlet(['run', '--scenario', dir], { cwd: projectRoot, timeoutMs: 30_000 });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+`));
    assert.doesNotMatch(result.stderr, /start the local cluster/);
  });
});
