// `gauntlet up` leaves a working cluster for kubectl; `gauntlet down` stops it without leftovers.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { kubectlFor } from '../../packages/local-cluster/test/support/kubectl.ts';
import { processesMentioning, runGauntlet } from './run-command.ts';

describe('gauntlet up / down', function () {
  this.timeout(180_000);

  it('brings up the cluster for kubectl and stops it without leftovers', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'gauntlet-up-'));
    const up = await runGauntlet(['up', '--state-dir', stateDir], { cwd: projectRoot, timeoutMs: 150_000 });
    try {
      assert.equal(up.code, 0, up.stderr);
      const match = /^export KUBECONFIG=(.+)$/m.exec(up.stdout);
      assert.ok(match?.[1], `stdout must be an export line, got: ${up.stdout}`);
      assert.equal(up.stdout.trim().split('\n').length, 1, 'stdout holds only the export line (progress goes to stderr)');
      const kubectl = kubectlFor(match[1], await mkdtemp(join(tmpdir(), 'kubectl-cache-')));
      const get = await kubectl.result(['get', 'gateways', '-A']);
      assert.equal(get.code, 0, get.stderr);
      for (const gateway of ['same-namespace', 'all-namespaces', 'backend-namespaces']) assert.match(get.stdout, new RegExp(`${gateway}\\s+gauntlet\\s+127\\.[\\d.]+\\s+True`));

      // The spec author's loop: scenarios against the cluster that is up, through the kubeconfig provider.
      const reportsDir = await mkdtemp(join(tmpdir(), 'gauntlet-reports-'));
      const run = await runGauntlet(
        ['run', '--cluster', 'kubeconfig', '--kubeconfig', match[1], '--scenario', 'httproute-simple-same-namespace', '--reports-dir', reportsDir],
        { cwd: projectRoot, timeoutMs: 60_000 },
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /connect to the cluster of/);
      assert.doesNotMatch(run.stderr, /start the local cluster|stop the/);
      assert.match(run.stderr, /PASS\s+httproute-simple-same-namespace/);
    } finally {
      const down = await runGauntlet(['down', '--state-dir', stateDir], { cwd: projectRoot, timeoutMs: 60_000 });
      assert.equal(down.code, 0, down.stderr);
    }
    assert.deepEqual(await processesMentioning(stateDir), [], 'the serving process and its pods are gone');
  });
});
