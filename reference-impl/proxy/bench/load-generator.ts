// Bounded load against one loopback URL, with wrk when installed (a C client: it leaves the cores to
// the servers under test) or autocannon (in this process) otherwise.

import { spawn, spawnSync } from 'node:child_process';
import autocannon from 'autocannon';

export type LoadTool = 'wrk' | 'autocannon';

export interface LoadOptions {
  seconds: number;
  connections: number;
  /** Prefix for the wrk command line, e.g. `['taskset', '-c', '0']`; autocannon ignores it. */
  commandPrefix: string[];
  /** The Host header to send instead of the URL's authority. */
  host?: string | undefined;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers plus socket errors. */
  failures: number;
}

export class LoadGeneratorError extends Error {
  readonly code = 'BENCH_LOAD_FAILED';
  constructor(url: string, detail: string) {
    super(`load against ${url} failed: ${detail}; is the target still running?`);
    this.name = 'LoadGeneratorError';
  }
}

export function wrkInstalled(): boolean {
  return spawnSync('wrk', ['-v']).error === undefined;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function wrkDurationMs(output: string, label: string): number {
  const match = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
  return match === null ? Number.NaN : Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1);
}

/** Reads wrk's `--latency` report. */
export function parseWrkOutput(output: string, seconds: number): LoadResult {
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket === null ? 0 : socket.slice(1).reduce((sum, n) => sum + Number(n), 0);
  return { requests, seconds, p50Ms: wrkDurationMs(output, '50%'), p99Ms: wrkDurationMs(output, '99%'), failures: non2xx + socketErrors };
}

function runWrk(url: string, options: LoadOptions): Promise<LoadResult> {
  const [command = 'wrk', ...prefixArgs] = [...options.commandPrefix, 'wrk'];
  const host = options.host === undefined ? [] : ['-H', `Host: ${options.host}`];
  const args = [...prefixArgs, '-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', ...host, url];
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.once('error', (error) => reject(new LoadGeneratorError(url, error.message)));
    proc.once('exit', (code) => {
      const result = parseWrkOutput(output, options.seconds);
      if (code !== 0 || Number.isNaN(result.requests)) reject(new LoadGeneratorError(url, `wrk exited with ${code}: ${output.trim()}`));
      else resolve(result);
    });
  });
}

async function runAutocannon(url: string, options: LoadOptions): Promise<LoadResult> {
  const headers = options.host === undefined ? {} : { headers: { host: options.host } };
  const result = await autocannon({ url, connections: options.connections, duration: options.seconds, ...headers });
  return {
    requests: result.requests.total,
    seconds: options.seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}

export function runLoad(tool: LoadTool, url: string, options: LoadOptions): Promise<LoadResult> {
  return tool === 'wrk' ? runWrk(url, options) : runAutocannon(url, options);
}
