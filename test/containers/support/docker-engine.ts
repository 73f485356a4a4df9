// A Docker engine for the container tests: the one already running (DOCKER_HOST or the default socket), else
// a dockerd this process starts (Debian's docker.io, as root; .ci/run installs it) and stops afterwards. Where
// neither is possible the tests are skipped with the reason, the only case in which they may be.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type DockerEngine = { available: true; stop(): Promise<void>; startedHere: boolean } | { available: false; reason: string };

const READY_TIMEOUT_MS = 60_000;

function engineAnswers(): boolean {
  return spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export async function ensureDockerEngine(): Promise<DockerEngine> {
  if (!onPath('docker')) return { available: false, reason: 'no docker command on PATH (apt-get install docker.io)' };
  if (engineAnswers()) return { available: true, startedHere: false, stop: async () => {} };
  if (process.env.DOCKER_HOST) return { available: false, reason: `DOCKER_HOST=${process.env.DOCKER_HOST} does not answer` };
  // Checked before dockerd's presence: an ordinary user's PATH often lacks /usr/sbin, where dockerd lives.
  if (process.getuid?.() !== 0) {
    return { available: false, reason: 'no engine answers to this user (start one as root, and let this user use its socket, e.g. the docker group), and starting dockerd needs root' };
  }
  if (!onPath('dockerd')) return { available: false, reason: 'no engine answers and dockerd is not installed (apt-get install docker.io)' };
  const logDir = mkdtempSync(join(tmpdir(), 'gauntlet-dockerd-'));
  const logFile = join(logDir, 'dockerd.log');
  const log = openSync(logFile, 'a');
  const dockerd: ChildProcess = spawn('dockerd', ['--host', 'unix:///var/run/docker.sock'], { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => dockerd.once('exit', resolve));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (engineAnswers()) {
      return {
        available: true,
        startedHere: true,
        stop: async () => {
          dockerd.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (dockerd.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (dockerd.exitCode === null) {
    dockerd.kill('SIGTERM');
    await exited;
  }
  return { available: false, reason: `dockerd did not come up within ${READY_TIMEOUT_MS / 1000} s; its log: ${logFile}` };
}
