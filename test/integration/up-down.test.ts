// `gauntlet up` leaves a working cluster for kubectl; a second `up` starts nothing and says which process
// serves; `gauntlet status` shows how to reach each Gateway with curl; `gauntlet down` stops it without
// leftovers. The cluster runs with its ports mapped (as for an unprivileged user, even under root), so the
// Gateways on port 80 are reached through their NodePorts, by curl and by a run through the kubeconfig.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { kubectlFor } from '../support/kubectl.ts';
import { processesMentioning, runGauntlet } from './run-command.ts';

describe('gauntlet up / status / down', function () {
  this.timeout(180_000);

  it('brings up the cluster for kubectl, says so when asked again, shows curl commands that work, and stops it without leftovers', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'gauntlet-up-'));
    const env = { ...process.env, GAUNTLET_LOCAL_PORTS: 'mapped' };
    const up = await runGauntlet(['up', '--state-dir', stateDir], { cwd: projectRoot, timeoutMs: 150_000, env });
    try {
      assert.equal(up.code, 0, up.stderr);
      const match = /^export KUBECONFIG=(.+)$/m.exec(up.stdout);
      assert.ok(match?.[1], `stdout must be an export line, got: ${up.stdout}`);
      assert.equal(up.stdout.trim().split('\n').length, 1, 'stdout holds only the export line (progress goes to stderr)');
      const servingPid = /The cluster is up \(pid (\d+)\)/.exec(up.stderr)?.[1];
      assert.ok(servingPid, up.stderr);

      const second = await runGauntlet(['up', '--state-dir', stateDir], { cwd: projectRoot, timeoutMs: 30_000, env });
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stderr, new RegExp(`already running \\(pid ${servingPid}, since [^)]+\\); kubeconfig ${match[1]}`));
      assert.equal(second.stdout, up.stdout, 'the same export line');
      assert.doesNotMatch(second.stderr, /start the local cluster/);

      const kubectl = kubectlFor(match[1], await mkdtemp(join(tmpdir(), 'kubectl-cache-')));
      const get = await kubectl.result(['get', 'gateways', '-A']);
      assert.equal(get.code, 0, get.stderr);
      const status = await runGauntlet(['status', '--state-dir', stateDir], { cwd: projectRoot, timeoutMs: 30_000, env });
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, new RegExp(`gauntlet up: running \\(pid ${servingPid}`));
      for (const gateway of ['same-namespace', 'all-namespaces', 'backend-namespaces']) {
        const address = new RegExp(`${gateway}\\s+gauntlet\\s+(127\\.20\\.[\\d.]+)\\s+True`).exec(get.stdout)?.[1];
        assert.ok(address, `kubectl get gateways shows ${gateway} with its address:\n${get.stdout}`);
        const line = new RegExp(`Gateway gateway-conformance-infra/${gateway}: address ${address.replaceAll('.', '\\.')}\\n\\s+http \\(HTTP 80, served at (127\\.30\\.0\\.\\d+:\\d+)\\): (curl .+)`).exec(status.stdout);
        assert.ok(line?.[2], `status shows how to reach ${gateway}:\n${status.stdout}`);
        assert.equal(line[2], `curl --connect-to ${address}:80:${line[1]} http://${address}/`);
        // The command as printed reaches the Gateway's proxy, which answers 404 (no route for the bare address).
        const { stdout } = await promisify(execFile)('sh', ['-c', `${line[2]} -s -o /dev/null -w '%{http_code}' --max-time 5`]);
        assert.equal(stdout, '404', `${line[2]} reaches the Gateway's proxy`);
      }

      // The spec author's loop: scenarios against the cluster that is up, through the kubeconfig provider.
      const reportsDir = await mkdtemp(join(tmpdir(), 'gauntlet-reports-'));
      const run = await runGauntlet(
        ['run', '--cluster', 'kubeconfig', '--kubeconfig', match[1], '--scenario', 'httproute-simple-same-namespace', '--reports-dir', reportsDir],
        { cwd: projectRoot, timeoutMs: 60_000, env },
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /connect to the cluster of/);
      assert.doesNotMatch(run.stderr, /start the local cluster|stop the/);
      assert.match(run.stderr, /PASS\s+httproute-simple-same-namespace/);
    } finally {
      const down = await runGauntlet(['down', '--state-dir', stateDir], { cwd: projectRoot, timeoutMs: 60_000 });
      assert.equal(down.code, 0, down.stderr);
      assert.match(down.stderr, /Stopped the cluster of gauntlet up/);
    }
    assert.deepEqual(await processesMentioning(stateDir), [], 'the serving process and its pods are gone');
  });
});
