// Two runs at the same time in two checkouts of one machine, as two developers (or two CI jobs) start them:
// as root, one runs as root and one as an unprivileged user. Their clusters claim distinct address slots,
// their state stays in their own checkout, and both pass.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { processesMentioning, runCommand } from './run-command.ts';
import { type CheckoutCopy, copyCheckout } from './support/checkout-copy.ts';
import { unprivilegedUser } from './support/unprivileged-user.ts';

/** Scenarios covering a Gateway of its own, listeners on two ports, several namespaces and a weighted split. */
const SCENARIOS = ['httproute-simple-same-namespace', 'httproute-listener-port-matching', 'httproute-multiple-gateways', 'httproute-cross-namespace', 'httproute-weighted-backends'];

describe('two gauntlet runs at once in two checkouts', function () {
  this.timeout(240_000);
  const checkouts: CheckoutCopy[] = [];

  after(async () => {
    await Promise.all(checkouts.map((checkout) => rm(checkout.dir, { recursive: true, force: true })));
  });

  it('both pass, each on its own node address (its own address slot) and with its own state', async () => {
    const other = unprivilegedUser();
    const first = await copyCheckout('concurrent-a');
    const second = await copyCheckout('concurrent-b', other.user);
    checkouts.push(first, second);
    const args = (checkout: CheckoutCopy) => [join(checkout.dir, 'harness/cli/gauntlet.ts'), 'run', ...SCENARIOS.flatMap((id) => ['--scenario', id])];
    const envOf = (checkout: CheckoutCopy, home: string) => ({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      GAUNTLET_GATEWAY_API_CRDS: checkout.crdsPath,
      KUBECACHEDIR: join(checkout.dir, '.kube-cache'),
    });
    const secondCommand = other.wrap(process.execPath, args(second), envOf(second, other.home));
    const [a, b] = await Promise.all([
      runCommand(process.execPath, args(first), { cwd: first.dir, timeoutMs: 200_000, env: envOf(first, process.env.HOME ?? first.dir) }),
      runCommand(secondCommand.command, secondCommand.args, { cwd: second.dir, timeoutMs: 200_000, env: secondCommand.env }),
    ]);
    assert.equal(a.code, 0, `the first run failed:\n${a.stderr}`);
    assert.equal(b.code, 0, `the second run (as ${other.user ?? 'the current user'}) failed:\n${b.stderr}`);
    for (const result of [a, b]) assert.match(result.stderr, new RegExp(`${SCENARIOS.length} passed, 0 failed`));

    const nodeOf = (stderr: string) => /node (127\.30\.0\.\d+)/.exec(stderr)?.[1];
    assert.ok(nodeOf(a.stderr) && nodeOf(b.stderr));
    assert.notEqual(nodeOf(a.stderr), nodeOf(b.stderr), 'each cluster has its own node address (and address slot)');
    for (const checkout of [first, second]) {
      assert.ok(existsSync(join(checkout.dir, 'reports', 'latest', 'results.json')), `${checkout.dir} holds its own reports`);
      assert.deepEqual(await processesMentioning(checkout.dir), [], `processes of the run in ${checkout.dir} left running`);
    }
  });
});
