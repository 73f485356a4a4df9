// One timed run of a load generator against a URL, in its own process so generators never share an event
// loop or a core with each other or with the bench: wrk (C), the gauntlet engine or autocannon (both
// through generator-process.ts). Each reports requests, latency and the CPU it spent.
//
//   runGenerator(generator, target, options): Promise<GeneratorRun>
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type GeneratorName = 'wrk' | 'gauntlet' | 'autocannon';

export interface GeneratorOptions {
  seconds: number;
  connections: number;
  /** e.g. ['taskset', '-c', '0']. */
  cpuPrefix: string[];
}

export interface GeneratorRun {
  generator: GeneratorName;
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers plus transport errors. */
  failures: number;
  /** CPU the generator spent generating: wrk's whole process; the Node engines' load-generating threads during the window. */
  cpuMs: number;
}

export class GeneratorRunError extends Error {
  readonly code = 'GAUNTLET_BENCH_GENERATOR';
  constructor(generator: GeneratorName, detail: string) {
    super(`${generator} run failed: ${detail}`);
    this.name = 'GeneratorRunError';
  }
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function wrkDurationMs(output: string, label: string): number {
  const match = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
  return match === null ? Number.NaN : Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1);
}

/** Reads wrk's `--latency` report. */
export function parseWrkOutput(output: string): Omit<GeneratorRun, 'generator' | 'seconds' | 'cpuMs'> {
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket === null ? 0 : socket.slice(1).reduce((sum, n) => sum + Number(n), 0);
  return { requests, p50Ms: wrkDurationMs(output, '50%'), p99Ms: wrkDurationMs(output, '99%'), failures: non2xx + socketErrors };
}

/** CPU of this process's waited-for children (cutime + cstime), ms: what a child used once it has exited. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  // Fields 16 and 17 of stat(5), counted from after the command: indexes 13 and 14 here, in clock ticks (1/100 s).
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function runProcess(command: string[], generator: GeneratorName): Promise<{ output: string; cpuMs: number }> {
  const [program = '', ...args] = command;
  const before = childrenCpuMs();
  return new Promise((resolve, reject) => {
    const proc = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.once('error', (error) => reject(new GeneratorRunError(generator, error.message)));
    proc.once('exit', (code) => {
      if (code !== 0) reject(new GeneratorRunError(generator, `exited with ${code}: ${output.trim().slice(-2000)}`));
      else resolve({ output, cpuMs: childrenCpuMs() - before });
    });
  });
}

const GENERATOR_PROCESS = fileURLToPath(new URL('./generator-process.ts', import.meta.url));

export async function runGenerator(generator: GeneratorName, target: { host: string; port: number }, options: GeneratorOptions): Promise<GeneratorRun> {
  if (generator === 'wrk') {
    const url = `http://${target.host}:${target.port}/`;
    const { output, cpuMs } = await runProcess([...options.cpuPrefix, 'wrk', '-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', url], generator);
    const parsed = parseWrkOutput(output);
    if (Number.isNaN(parsed.requests)) throw new GeneratorRunError(generator, `unreadable output: ${output.trim()}`);
    return { generator, seconds: options.seconds, cpuMs, ...parsed };
  }
  const spec = JSON.stringify({ generator, target, seconds: options.seconds, connections: options.connections });
  const { output } = await runProcess([...options.cpuPrefix, process.execPath, GENERATOR_PROCESS, spec], generator);
  const line = output.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as GeneratorRun;
  } catch {
    throw new GeneratorRunError(generator, `unreadable output: ${output.trim().slice(-2000)}`);
  }
}
