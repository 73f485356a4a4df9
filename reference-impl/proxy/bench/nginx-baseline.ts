// nginx as the baseline proxy: a child process with a generated config, in front of the same echo
// backend, so "our proxy / nginx" compares two proxies on the same machine in the same minute.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NginxOptions {
  host: string;
  listenPort: number;
  backendPort: number;
  workers: number;
  /** Prefix for the command line, e.g. `['taskset', '-c', '1']`. */
  commandPrefix: string[];
  /** Terminate TLS on the listening port with this certificate and key (PEM files). */
  tls?: { certificatePath: string; privateKeyPath: string };
}

export interface RunningNginx {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export class NginxStartError extends Error {
  readonly code = 'BENCH_NGINX_FAILED';
  constructor(detail: string) {
    super(`nginx did not start: ${detail}; see its error log, or uninstall nginx to bench without it`);
    this.name = 'NginxStartError';
  }
}

const CANDIDATES = ['nginx', '/usr/sbin/nginx'];

/** The nginx binary to run, or undefined when none is installed. */
export function findNginx(): string | undefined {
  return CANDIDATES.find((binary) => spawnSync(binary, ['-v']).error === undefined);
}

/**
 * A reverse proxy as an operator would configure one for this job: one worker per benchmarked Node
 * process, upstream keep-alive (HTTP/1.1, Connection cleared), the same X-Forwarded-* headers our
 * proxy adds, no access log (ours writes none either). With `tls`, the port terminates TLS 1.2/1.3 with a
 * session cache, as a TLS-terminating proxy would be set up.
 */
export function nginxConfig(dir: string, options: Omit<NginxOptions, 'commandPrefix'>): string {
  return `daemon off;
master_process on;
worker_processes ${options.workers};
pid ${dir}/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream echo {
    server ${options.host}:${options.backendPort};
    keepalive 128;
    keepalive_requests 100000;
  }
  server {
    listen ${options.host}:${options.listenPort}${options.tls === undefined ? '' : ' ssl'};
    keepalive_requests 100000;${tlsDirectives(options.tls)}
    location / {
      proxy_pass http://echo;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
}

function tlsDirectives(tls: NginxOptions['tls']): string {
  if (tls === undefined) return '';
  return `
    ssl_certificate ${tls.certificatePath};
    ssl_certificate_key ${tls.privateKeyPath};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:SSL:10m;`;
}

function waitForPort(host: string, port: number, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (proc.exitCode !== null) {
        reject(new NginxStartError(`exited with ${proc.exitCode}`));
        return;
      }
      const socket = connect(port, host, () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new NginxStartError(`${host}:${port} not listening after ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startNginx(binary: string, options: NginxOptions): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-nginx-'));
  const configPath = join(dir, 'nginx.conf');
  writeFileSync(configPath, nginxConfig(dir, options));
  const [command = binary, ...prefixArgs] = [...options.commandPrefix, binary];
  const proc = spawn(command, [...prefixArgs, '-p', dir, '-c', configPath, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(options.host, options.listenPort, proc, 5000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port: options.listenPort, pid: proc.pid ?? 0, stop };
}
