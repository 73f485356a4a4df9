// The pod sandbox in a real process tree: a pod whose kubelet is killed with SIGKILL (no handler runs)
// stops by itself within a couple of seconds, and so does a pod started after its kubelet already died.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AddressBlock } from '../../../src/runtime/address-block.ts';
import { encodeSandboxConfig, POD_SANDBOX_ENV } from '../../../src/runtime/pod-sandbox-config.ts';
import { isAlive } from '../../../src/runtime/recorded-pods.ts';
import { eventually } from '../../support/eventually.ts';
import { WEB_SERVER_SCRIPT } from '../../support/test-images.ts';

const SANDBOX = new URL('../../../src/runtime/pod-sandbox.ts', import.meta.url).href;

function sandboxEnv(kubeletPid: number): NodeJS.ProcessEnv {
  const config = { podIP: '127.10.252.7', pods: new AddressBlock('127.10', 252, 4).toJSON(), mappedBelow: 1024, kubeletPid };
  return { PATH: process.env.PATH ?? '', POD_IP: '127.10.252.7', HTTP_PORT: '80', [POD_SANDBOX_ENV]: encodeSandboxConfig(config) };
}

describe('pod sandbox (integration)', function () {
  this.timeout(30_000);
  let dir: string;
  const started: ChildProcess[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pod-sandbox-'));
  });
  after(async () => {
    for (const child of started) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('stops a pod within seconds of its kubelet being killed with SIGKILL', async () => {
    // A stand-in kubelet: starts the pod (as the runtime does) and prints its pid.
    const podPidFile = path.join(dir, 'pod.pid');
    const kubeletScript = `
      const { spawn } = require('node:child_process');
      const env = JSON.parse(process.env.POD_ENV);
      env.${POD_SANDBOX_ENV} = env.${POD_SANDBOX_ENV}.replace('"kubeletPid":0', '"kubeletPid":' + process.pid);
      const pod = spawn(process.execPath, ['--import', ${JSON.stringify(SANDBOX)}, ${JSON.stringify(WEB_SERVER_SCRIPT)}], { env, stdio: 'inherit' });
      require('node:fs').writeFileSync(${JSON.stringify(podPidFile)}, String(pod.pid));
      setInterval(() => {}, 1000);`;
    const kubelet = spawn(process.execPath, ['-e', kubeletScript], { env: { ...process.env, POD_ENV: JSON.stringify(sandboxEnv(0)) }, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(kubelet);
    let output = '';
    kubelet.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    kubelet.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await eventually('the pod to listen', () => output.includes('listening on 127.10.252.7:'), { timeoutMs: 10_000 });
    assert.match(output, /listening on 127\.10\.252\.7:80\b/);
    const podPid = Number(readFileSync(podPidFile, 'utf8'));
    assert.ok(isAlive(podPid));

    kubelet.kill('SIGKILL');
    const killedAt = Date.now();
    await eventually('the orphaned pod to stop', () => !isAlive(podPid) || isZombie(podPid), { timeoutMs: 5000 });
    assert.ok(Date.now() - killedAt < 3500, `the pod stopped ${Date.now() - killedAt} ms after its kubelet died`);
    await eventually('its last words', () => /pod sandbox: .* is gone: stopping this pod/.test(output), { timeoutMs: 2000 });
  });

  it('stops a pod at once whose kubelet is already gone when it starts', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    const pod = spawn(process.execPath, ['--import', SANDBOX, WEB_SERVER_SCRIPT], { env: sandboxEnv(gone.pid ?? 0), stdio: ['ignore', 'ignore', 'pipe'] });
    started.push(pod);
    let stderr = '';
    pod.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => pod.once('exit', (exitCode, signal) => resolve(exitCode ?? signal)));
    assert.notEqual(code, null);
    assert.match(stderr, new RegExp(`the local cluster's process ${gone.pid} is gone`));
  });
});

/** A killed orphan may linger as a zombie until init reaps it: it runs no code any more. */
function isZombie(pid: number): boolean {
  try {
    return /\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
