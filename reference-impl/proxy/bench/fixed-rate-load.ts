// A constant-rate run for the proxy bench's "p99 added at half the maximum rate": wrk2 is not available, so the
// harness's own open-model engine (harness/load/engine) sends the rate on raw keep-alive connections and records
// microsecond latency from each request's scheduled time (no coordinated omission); a run whose generator lagged
// behind its schedule beyond the engine's own limit is marked invalid (fixedRateVerdict). Harness code is imported
// under reference-impl only by this bench (here and in sampled-open-model.ts; excluded from the published package,
// never run in the image). The bench runs it as a child process (`node fixed-rate-load.ts host port hostHeader path
// rate seconds`, one JSON line out), so --pin can put the generator on the load generator's CPU.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runEngine } from '../../../harness/load/engine/run-engine.ts';
import { ACHIEVED_RATE_FLOOR, SCHEDULE_LAG_LIMIT_MS } from '../../../harness/load/run-validity.ts';

export interface FixedRateResult {
  rate: number;
  /** Answers received, and how many of them were not 2xx or failed. */
  answered: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
  /** How late the generator sent its requests behind its own schedule, p99 (ms). */
  scheduleLagP99Ms: number;
  /** Requests sent within the window per second: short of `rate` when requests waited for a free connection. */
  achievedRate: number;
  /** Why the run's figures are not the target's (the generator lagged); empty when they are. */
  invalid: string[];
  /** The target did not keep up with the rate (requests queued in the generator): its latency is real, but saturated. */
  saturated: boolean;
}

/**
 * A run whose generator fell behind its schedule by more than the load engine allows (SCHEDULE_LAG_LIMIT_MS at
 * p99) sent late and then in bursts: the target's latency then reflects the generator's stall, not the target.
 */
export function fixedRateVerdict(rate: number, lagP99Ms: number, achievedRate: number): Pick<FixedRateResult, 'invalid' | 'saturated'> {
  const invalid = lagP99Ms > SCHEDULE_LAG_LIMIT_MS ? [`the generator ran ${lagP99Ms.toFixed(1)} ms behind its schedule at p99 (limit ${SCHEDULE_LAG_LIMIT_MS} ms)`] : [];
  return { invalid, saturated: achievedRate < rate * ACHIEVED_RATE_FLOOR };
}

export async function runFixedRate(target: { host: string; port: number }, request: { host: string; path: string }, rate: number, seconds: number): Promise<FixedRateResult> {
  const measured = await runEngine({
    target,
    requests: [{ path: request.path, host: request.host }],
    model: 'open',
    rate,
    // Enough for the rate at a few ms each; one worker thread leaves the cores to what is measured.
    connections: 64,
    workers: 1,
    durationSeconds: seconds,
  });
  const statuses = Object.entries(measured.statuses);
  const answered = statuses.reduce((sum, [, count]) => sum + count, 0);
  const non2xx = statuses.filter(([status]) => !status.startsWith('2')).reduce((sum, [, count]) => sum + count, 0);
  const transport = Object.values(measured.failures).reduce((sum, count) => sum + count, 0);
  const scheduleLagP99Ms = (measured.scheduleLag?.getValueAtPercentile(99) ?? 0) / 1000;
  const achievedRate = Math.round(measured.sentInWindow / measured.durationSeconds);
  return {
    rate,
    answered,
    failures: non2xx + transport,
    p50Ms: measured.latency.getValueAtPercentile(50) / 1000,
    p99Ms: measured.latency.getValueAtPercentile(99) / 1000,
    scheduleLagP99Ms,
    achievedRate,
    ...fixedRateVerdict(rate, scheduleLagP99Ms, achievedRate),
  };
}

/** Runs runFixedRate in a child process started with `commandPrefix` (e.g. taskset), reading its JSON line. */
export function runFixedRateProcess(
  target: { host: string; port: number },
  request: { host: string; path: string },
  rate: number,
  seconds: number,
  commandPrefix: string[],
): Promise<FixedRateResult> {
  const [command = process.execPath, ...prefixArgs] = [...commandPrefix, process.execPath];
  const args = [...prefixArgs, fileURLToPath(import.meta.url), target.host, String(target.port), request.host, request.path, String(rate), String(seconds)];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`exited with ${code}`);
        resolve(JSON.parse(output) as FixedRateResult);
      } catch (error) {
        reject(new Error(`fixed-rate load against ${target.host}:${target.port} failed (${(error as Error).message}): ${output.trim()}`));
      }
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [host = '', port = '', hostHeader = '', path = '', rate = '', seconds = ''] = process.argv.slice(2);
  const result = await runFixedRate({ host, port: Number(port) }, { host: hostHeader, path }, Number(rate), Number(seconds));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
