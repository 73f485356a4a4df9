// stopRecordedPods: what the next command does after a crashed embedding program. A real pod script (the
// test web image's) is started by hand, recorded, and stopped; an unrelated process with a recorded pid is spared.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRecordedProcesses, stopRecordedPods } from '../../../src/runtime/recorded-pods.ts';
import { startRuntime } from '../../../src/runtime/runtime.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import { TEST_IMAGES, WEB_SERVER_SCRIPT } from '../../support/test-images.ts';

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('stopRecordedPods', function () {
  this.timeout(20_000);
  let stateDir: string;
  const children: ChildProcess[] = [];

  before(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'gauntlet-down-'));
  });
  after(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await rm(stateDir, { recursive: true, force: true });
  });

  function spawnEchoPod(): ChildProcess {
    const pod = spawn(process.execPath, [WEB_SERVER_SCRIPT], {
      env: { PATH: process.env.PATH ?? '', POD_IP: '127.10.254.254', HTTP_PORT: '0' },
      stdio: 'ignore',
    });
    children.push(pod);
    return pod;
  }

  it('stops a recorded pod process, spares an unrelated one, and removes the record', async () => {
    const pod = spawnEchoPod();
    const bystander = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(bystander);
    writeFileSync(path.join(stateDir, 'pids'), `${pod.pid} ${WEB_SERVER_SCRIPT}\n${bystander.pid} ${WEB_SERVER_SCRIPT}\nnot-a-pid\n`);
    assert.deepEqual(
      readRecordedProcesses(stateDir).map((recorded) => recorded.pid),
      [pod.pid, bystander.pid],
    );

    const stopped = await stopRecordedPods(stateDir, { graceMs: 2000 });
    assert.deepEqual(stopped, [pod.pid]);
    await exited(pod);
    assert.equal(bystander.exitCode, null, 'the unrelated process still runs');
    assert.deepEqual(readRecordedProcesses(stateDir), []);
  });

  it('is run by startRuntime, so a new run first stops what a crashed run left behind', async () => {
    const leftover = spawnEchoPod();
    writeFileSync(path.join(stateDir, 'pids'), `${leftover.pid} ${WEB_SERVER_SCRIPT}\n`);
    const lines: string[] = [];
    const runtime = await startRuntime({
      store: new MemoryObjectStore(),
      stateDir,
      kubeconfigForPods: path.join(stateDir, 'kubeconfig'),
      images: TEST_IMAGES,
      log: (line) => lines.push(line),
    });
    await runtime.stop();
    await exited(leftover);
    assert.match(lines.join('\n'), /stopped 1 pod process\(es\) left running by an earlier run/);
  });
});
