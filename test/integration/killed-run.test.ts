// `kill -9` of a run in the middle: no handler runs, so nothing of the harness stops the cluster. Its pods
// stop by themselves within seconds (they watch their parent); one that cannot (frozen with SIGSTOP here)
// is stopped by the next gauntlet command in the checkout, which says what it found and did.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive } from '../../packages/local-cluster/src/runtime/recorded-pods.ts';
import { eventually } from '../support/eventually.ts';
import { processesMentioning, runCommand } from './run-command.ts';
import { type CheckoutCopy, copyCheckout } from './support/checkout-copy.ts';

/** Gone, or a zombie waiting for init to reap it (it runs no code any more). */
function stopped(pid: number): boolean {
  if (!isAlive(pid)) return true;
  try {
    return /\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('a run killed with SIGKILL', function () {
  this.timeout(180_000);
  let checkout: CheckoutCopy;
  let frozen = 0;

  after(async () => {
    if (frozen) {
      try {
        process.kill(frozen, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    }
    if (checkout) await rm(checkout.dir, { recursive: true, force: true });
  });

  it('leaves no pod running: they stop by themselves, and the next command stops the rest and says so', async () => {
    checkout = await copyCheckout('killed');
    const env = { ...process.env, GAUNTLET_GATEWAY_API_CRDS: checkout.crdsPath, KUBECACHEDIR: join(checkout.dir, '.kube-cache') };
    const gauntlet = join(checkout.dir, 'harness/cli/gauntlet.ts');
    const run = spawn(process.execPath, [gauntlet, 'run'], { cwd: checkout.dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const killer = setTimeout(() => run.kill('SIGKILL'), 120_000);
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      await eventually('the base fixture to be applied', () => stderr.includes('✔ apply the base fixture'), { timeoutMs: 100_000, intervalMs: 100 });
    } finally {
      clearTimeout(killer);
    }
    const record = join(checkout.dir, '.gauntlet', 'runs', `${run.pid}.json`);
    const { stateDir } = JSON.parse(readFileSync(record, 'utf8')) as { stateDir: string };
    const pods = readFileSync(join(stateDir, 'pids'), 'utf8').split('\n').filter(Boolean).map((line) => Number(line.split(' ')[0]));
    assert.ok(pods.length >= 5, `pods recorded: ${pods.join(', ')}`);
    frozen = pods[0] ?? 0;
    process.kill(frozen, 'SIGSTOP');

    run.kill('SIGKILL');
    await new Promise((resolve) => run.once('exit', resolve));
    const others = pods.slice(1);
    await eventually('the pods to stop by themselves', () => others.every(stopped), { timeoutMs: 5000, intervalMs: 100 });
    assert.ok(!stopped(frozen), 'the frozen pod could not stop itself');

    const status = await runCommand(process.execPath, [gauntlet, 'status'], { cwd: checkout.dir, timeoutMs: 30_000, env });
    assert.equal(status.code, 0, status.stderr);
    assert.match(
      status.stderr,
      new RegExp(`gauntlet run \\(pid ${run.pid}, started [^)]+\\) died without stopping its local cluster: stopped the 1 pod process\\(es\\) it left running \\(pids ${frozen}\\)`),
    );
    assert.ok(stopped(frozen), 'the next command stopped the pod left running');
    assert.equal(existsSync(record), false, 'the dead run is no longer on record');
    assert.deepEqual(await processesMentioning(checkout.dir), []);

    const again = await runCommand(process.execPath, [gauntlet, 'status'], { cwd: checkout.dir, timeoutMs: 30_000, env });
    assert.doesNotMatch(again.stderr, /died/, 'said once');
  });
});
