// The main job as an ordinary user runs it, from a checkout of their own: as root (CI), a system user is
// created and the job runs as it; otherwise as the current user. Without the privilege to bind port 80,
// pods get their ports mapped and Gateways are reached through NodePorts; every scenario must pass all the same.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { unprivilegedPortStart } from '../../packages/local-cluster/src/runtime/privileged-ports.ts';
import { processesMentioning, runCommand } from './run-command.ts';
import { type CheckoutCopy, copyCheckout } from './support/checkout-copy.ts';
import { experimentalScenarioIds } from './support/experimental-scenarios.ts';
import { unprivilegedUser } from './support/unprivileged-user.ts';

describe('gauntlet run as an unprivileged user', function () {
  // A hang guard, not a timing assertion: the full run (gRPC and TCP scenarios included) took up to 440 s on a
  // loaded 2-core machine.
  this.timeout(660_000);
  let checkout: CheckoutCopy;

  afterEach(async () => {
    if (checkout) await rm(checkout.dir, { recursive: true, force: true });
  });

  it('passes every scenario from its own checkout, Gateways on port 80 reached through their NodePorts', async () => {
    const runAs = unprivilegedUser();
    checkout = await copyCheckout('unprivileged', runAs.user);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: runAs.home,
      GAUNTLET_GATEWAY_API_CRDS: checkout.crdsPath,
      KUBECACHEDIR: join(checkout.dir, '.kube-cache'),
    };
    const command = runAs.wrap(process.execPath, [join(checkout.dir, 'harness/cli/gauntlet.ts'), 'run'], env);
    const result = await runCommand(command.command, command.args, { cwd: checkout.dir, timeoutMs: 600_000, env: command.env });

    assert.equal(result.code, 0, `gauntlet run as ${runAs.user ?? 'the current user'} failed:\n${result.stderr}`);
    // A standard run skips the scenarios that need the experimental channel, and only those.
    const skipped = (await experimentalScenarioIds()).length;
    assert.match(result.stderr, new RegExp(`\\d+ passed, 0 failed, ${skipped} skipped`));
    if (unprivilegedPortStart() > 80) {
      assert.match(result.stderr, /node 127\.30\.0\.\d+; ports below \d+ cannot be bound without privileges/, 'the run says how it reaches port 80');
    }
    assert.deepEqual(await processesMentioning(checkout.dir), [], 'processes of this run left running');
  });
});
