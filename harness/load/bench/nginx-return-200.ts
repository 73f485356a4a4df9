// nginx answering `return 200` from one worker: the fixed, fast target the load bench measures generators
// against. It costs far less per request than any gateway, so whichever generator saturates first shows.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningNginx {
  host: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export class BenchToolMissingError extends Error {
  readonly code = 'GAUNTLET_BENCH_TOOL_MISSING';
  constructor(tool: string) {
    super(`${tool} is not installed; the load bench needs nginx and wrk side by side: apt-get install -y nginx-light wrk`);
    this.name = 'BenchToolMissingError';
  }
}

export function commandExists(command: string, versionFlag: string): boolean {
  return spawnSync(command, [versionFlag]).error === undefined;
}

function findNginx(): string {
  const found = ['nginx', '/usr/sbin/nginx'].find((binary) => commandExists(binary, '-v'));
  if (found === undefined) throw new BenchToolMissingError('nginx');
  return found;
}

function config(dir: string, host: string, port: number): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${dir}/${name};`).join('\n');
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
${temp}
  server {
    listen ${host}:${port} reuseport;
    keepalive_requests 10000000;
    keepalive_timeout 300s;
    location / { return 200 "ok\\n"; }
  }
}
`;
}

function waitForPort(host: string, port: number, proc: ChildProcess, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (proc.exitCode !== null) return reject(new Error(`nginx exited with ${proc.exitCode}; its error log is beside its config`));
      const socket = connect(port, host, () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nginx is not listening on ${host}:${port} after 5 s`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Starts nginx on host:port; `cpuPrefix` (e.g. taskset -c 1) pins it. */
export async function startNginxReturn200(host: string, port: number, cpuPrefix: string[]): Promise<RunningNginx> {
  const binary = findNginx();
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-load-bench-nginx-'));
  const configPath = join(dir, 'nginx.conf');
  writeFileSync(configPath, config(dir, host, port));
  const [command = binary, ...prefixArgs] = [...cpuPrefix, binary];
  const proc = spawn(command, [...prefixArgs, '-p', dir, '-c', configPath, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(host, port, proc, Date.now() + 5000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, port, pid: proc.pid ?? 0, stop };
}
