import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintScenarios } from '../../../harness/scenario/lint-scenarios.ts';
import { routeManifest, validScenario, writeTree } from './scenario-fixtures.ts';

const gauntlet = fileURLToPath(new URL('../../../harness/cli/gauntlet.ts', import.meta.url));

function runLint(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [gauntlet, 'scenario', 'lint', ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** The documented scenario with three mistakes and the output docs/scenarios.md says lint prints for it. */
async function documentedLint(): Promise<{ scenario: string; output: string[] }> {
  const doc = await readFile('docs/scenarios.md', 'utf8');
  const scenario = doc.match(/```yaml\n(id: my-test[\s\S]*?)```/)?.[1];
  const output = doc.match(/prints:\n\n```\n([\s\S]*?)```/)?.[1];
  assert.ok(scenario && output, 'the lint example is missing from docs/scenarios.md');
  return { scenario, output: output.trimEnd().split('\n') };
}

describe('gauntlet scenario lint', function () {
  // Three runs of the command start a Node process each.
  this.timeout(20_000);

  it('prints all three mistakes of the documented scenario with file:line:column, a count, and exits 1', async () => {
    const { scenario, output } = await documentedLint();
    const root = await writeTree({ 'scenarios/conformance/my-test/scenario.yaml': scenario, 'scenarios/conformance/my-test/manifests.yaml': routeManifest });
    const result = await runLint(['scenarios/conformance/my-test'], root);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), output);
    assert.equal(output.filter((line) => /^scenarios\/conformance\/my-test\/scenario\.yaml:\d+:\d+: /.test(line)).length, 3);
  });

  it('exits 0 with a count for clean scenarios, checking the shipped ones by default', async () => {
    const root = await writeTree({ 'conformance/one/scenario.yaml': validScenario('one'), 'conformance/one/manifests.yaml': routeManifest });
    assert.deepEqual(await lintScenarios([root]), { exitCode: 0, lines: ['1 scenario checked, no problems'] });
    const shipped = await runLint([], root);
    assert.equal(shipped.code, 0, shipped.stdout);
    assert.match(shipped.stdout, /^\d+ scenarios checked, no problems\n$/);
  });

  it('exits 2 naming a path that does not exist', async () => {
    const root = await writeTree({ 'conformance/one/scenario.yaml': validScenario('one'), 'conformance/one/manifests.yaml': routeManifest });
    const result = await runLint([join(root, 'conformance/one'), 'no-such-folder'], root);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'no-such-folder: no such file or folder\n');
  });

  it('reports problems of manifest files and of several paths together, each once', async () => {
    const root = await writeTree({
      'a/conformance/one/scenario.yaml': validScenario('one'),
      'a/conformance/one/manifests.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n',
      'b/conformance/two/scenario.yaml': validScenario('two').replace('profile: GATEWAY-HTTP', 'profile: HTTP'),
      'b/conformance/two/manifests.yaml': routeManifest,
    });
    const result = await lintScenarios([join(root, 'a'), join(root, 'b')], { cwd: root });
    assert.equal(result.exitCode, 1);
    assert.deepEqual(result.lines, [
      'a/conformance/one/manifests.yaml:1:1: ConfigMap has no metadata.name',
      'b/conformance/two/scenario.yaml:3:10: profile: must be one of "GATEWAY-HTTP", "GATEWAY-TLS", "GATEWAY-TCP", "GATEWAY-UDP", "GATEWAY-GRPC", "MESH-HTTP", "MESH-GRPC", got string "HTTP"',
      '2 problems in 2 files (2 scenarios checked)',
    ]);
  });
});
