// A constant-rate run for the proxy bench's "p99 added at half the maximum rate": wrk2 is not available, so the
// harness's own open-model engine (harness/load/engine) sends the rate on raw keep-alive connections and records
// microsecond latency from each request's scheduled time (no coordinated omission). The one import of harness
// code under reference-impl, and only in this bench (excluded from the published package, never run in the image).

import { runEngine } from '../../../harness/load/engine/run-engine.ts';

export interface FixedRateResult {
  rate: number;
  /** Answers received, and how many of them were not 2xx or failed. */
  answered: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
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
  return {
    rate,
    answered,
    failures: non2xx + transport,
    p50Ms: measured.latency.getValueAtPercentile(50) / 1000,
    p99Ms: measured.latency.getValueAtPercentile(99) / 1000,
  };
}
