// ContainerRunner with real processes: crash-loop restarts with CrashLoopBackOff, and SIGKILL after the
// grace period for a process that ignores SIGTERM.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContainerRunner, restartBackoffMs } from '../../../src/runtime/container-runner.ts';
import type { Container, ContainerStatus } from '../../../src/runtime/kube-shapes.ts';
import { eventually } from '../../support/eventually.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

describe('ContainerRunner (processes)', function () {
  this.timeout(20_000);
  let dir: string;
  const runners: ContainerRunner[] = [];
  const events: string[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gauntlet-runner-'));
  });
  after(async () => {
    await Promise.all(runners.map((r) => r.stop(100)));
    await rm(dir, { recursive: true, force: true });
  });

  function runner(script: string, args: string[], restartPolicy: string, container: Partial<Container> = {}): ContainerRunner {
    const created = new ContainerRunner({
      container: { name: 'app', image: 'local-cluster-test/web:test', ...container },
      launch: {
        script: path.join(fixtures, script),
        args,
        nodeOptions: [],
        inheritedFds: [],
        env: { PATH: process.env.PATH ?? '' },
        cwd: dir,
        logPath: path.join(dir, 'pod.log'),
      },
      podDescription: 'p_ns(uid)',
      podIP: '127.10.0.1',
      hostPortOf: (_host, port) => port,
      restartPolicy,
      graceMs: 200,
      onChange: () => {},
      onEvent: (type, reason, message) => events.push(`${type} ${reason}: ${message}`),
      log: () => {},
    });
    runners.push(created);
    return created;
  }

  it('restarts a crashing container with restartPolicy Always, waiting in CrashLoopBackOff between runs', async () => {
    const crashing = runner('exit-with-code.ts', ['3'], 'Always');
    crashing.start();
    const backingOff = await eventually('CrashLoopBackOff', () => {
      const status = crashing.status();
      return status.state.waiting?.reason === 'CrashLoopBackOff' ? status : undefined;
    });
    assert.equal(backingOff.lastState.terminated?.exitCode, 3);
    assert.equal(backingOff.lastState.terminated?.reason, 'Error');
    assert.equal(backingOff.ready, false);
    assert.equal(crashing.process, undefined, 'no process is reported while none runs');
    assert.match(backingOff.state.waiting?.message ?? '', /back-off 1s restarting failed container=app pod=p_ns\(uid\)/);
    await eventually('a restart', () => (crashing.status().restartCount >= 1 ? true : undefined));
    assert.ok(events.includes('Normal Started: Started container app'));
    assert.ok(events.includes('Warning BackOff: Back-off restarting failed container app in pod p_ns(uid)'));
  });

  it('leaves a container terminated when restartPolicy Never', async () => {
    const once = runner('exit-with-code.ts', ['0'], 'Never');
    once.start();
    const status: ContainerStatus = await eventually('termination', () => {
      const s = once.status();
      return s.state.terminated ? s : undefined;
    });
    assert.deepEqual([status.state.terminated?.exitCode, status.state.terminated?.reason, status.restartCount], [0, 'Completed', 0]);
  });

  it('kills a container that ignores SIGTERM once the grace period is over', async () => {
    const stubborn = runner('ignore-sigterm.ts', [], 'Always');
    stubborn.start();
    const logPath = path.join(dir, 'pod.log');
    // The fixture logs once its SIGTERM handler is in place.
    await eventually('the fixture to ignore SIGTERM', () => (readLog(logPath).includes('ignoring SIGTERM') ? true : undefined));
    const started = Date.now();
    await stubborn.stop(400);
    const took = Date.now() - started;
    assert.ok(took >= 350, `stop waited for the grace period (${took} ms)`);
    assert.equal(stubborn.status().state.terminated?.exitCode, 137);
  });

  it('kills and restarts a container whose liveness probe fails', async () => {
    // Nothing listens on port 1 of this address: the probe fails at once.
    const unhealthy = runner('ignore-sigterm.ts', [], 'Always', {
      livenessProbe: { tcpSocket: { port: 1 }, failureThreshold: 1, periodSeconds: 1 },
    });
    unhealthy.start();
    const killed = await eventually('the liveness kill', () => {
      const status = unhealthy.status();
      return status.lastState.terminated ? status : undefined;
    });
    // 143 when SIGTERM lands before the fixture installed its handler, 137 when SIGKILL had to follow.
    assert.ok([137, 143].includes(killed.lastState.terminated?.exitCode ?? 0), `killed by a signal: ${JSON.stringify(killed.lastState)}`);
    await eventually('a restart', () => (unhealthy.status().restartCount >= 1 ? true : undefined));
    assert.ok(events.includes('Warning Unhealthy: Liveness probe failed'));
    assert.ok(events.includes('Normal Killing: Container app failed liveness probe, will be restarted'));
  });

  it('uses a growing, capped restart back-off', () => {
    assert.deepEqual([1, 2, 3, 4, 10].map(restartBackoffMs), [1000, 2000, 4000, 8000, 30_000]);
  });
});
