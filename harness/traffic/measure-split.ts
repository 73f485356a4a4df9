// Sends `samples` requests and counts which backend answered each one, then judges the counts with the
// split test. Every request must succeed with an echo body; failures are counted and fail the measurement.
// With `received`, each answer is also checked against what its backend must have received (a per-backend
// filter, say): a sample that differs is counted for its backend and as a failure, by reason.
//
//   measureSplit(target, request, expectedWeights, samples = DEFAULT_SPLIT_SAMPLES, options?): Promise<SplitMeasurement>
//
// Why 500 samples by default: with 70/30 expected, a gateway that really splits 50/50 gives a chi-square
// non-centrality of 500 * (0.2²/0.7 + 0.2²/0.3) ≈ 95, so at significance 0.001 (critical value 10.83, 1 df)
// it passes only with probability ≈ Φ(3.29 - 9.76) ≈ 5e-11: it fails for all practical purposes. A subtler
// 80/20 error (non-centrality ≈ 24) is caught with probability ≈ 0.94. A correct gateway fails with
// probability 0.001. 500 requests over loopback take about a second.
import type { BackendExpectation } from '../scenario/scenario-types.ts';
import { describeBackend, identifyBackend } from './backend-identity.ts';
import { checkBackend } from './check-backend.ts';
import { type ProbeRequest, type ProbeTarget, sendRequest } from './send-request.ts';
import { judgeSplit, type SplitVerdict } from './split-verdict.ts';

export const DEFAULT_SPLIT_SAMPLES = 500;

export interface MeasureSplitOptions {
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  significance?: number;
  requestTimeoutMs?: number;
  send?: typeof sendRequest;
  /** Backend -> what each request it answered must have carried. */
  received?: Record<string, BackendExpectation>;
}

export interface SplitMeasurement {
  counts: Record<string, number>;
  /** Failed requests by reason: no 2xx echo response ("status 503", "no echo body", "ECONNRESET ...") or a backend that received other than `received` says. */
  failures: Record<string, number>;
  verdict: SplitVerdict;
}

interface Sample {
  /** Which backend answered, when one did. */
  backend?: string;
  /** Why the sample fails, when it does. */
  failure?: string;
}

async function sampleOnce(send: typeof sendRequest, target: ProbeTarget, request: ProbeRequest, backends: string[], options: MeasureSplitOptions): Promise<Sample> {
  try {
    const response = await send(target, request, options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs });
    if (response.status < 200 || response.status > 299) return { failure: `status ${response.status}` };
    if (!response.echo) return { failure: 'no echo body' };
    const backend = identifyBackend(backends, response.echo) ?? (response.echo.service || describeBackend(response.echo));
    const received = options.received?.[backend];
    const mismatches = received === undefined ? [] : checkBackend(received, response);
    return mismatches.length === 0 ? { backend } : { backend, failure: `${backend} received ${mismatches.map((item) => item.text).join('; ')}` };
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

export async function measureSplit(
  target: ProbeTarget,
  request: ProbeRequest,
  expectedWeights: Record<string, number>,
  samples: number = DEFAULT_SPLIT_SAMPLES,
  options: MeasureSplitOptions = {},
): Promise<SplitMeasurement> {
  const send = options.send ?? sendRequest;
  const backends = Object.keys(expectedWeights);
  const counts: Record<string, number> = {};
  const failures: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < samples) {
      next += 1;
      const sample = await sampleOnce(send, target, request, backends, options);
      if (sample.backend !== undefined) counts[sample.backend] = (counts[sample.backend] ?? 0) + 1;
      if (sample.failure !== undefined) failures[sample.failure] = (failures[sample.failure] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  const verdict = judgeSplit(counts, expectedWeights, options.significance === undefined ? {} : { significance: options.significance });
  const failed = Object.entries(failures);
  if (failed.length > 0) {
    verdict.problems.unshift(`${failed.reduce((sum, [, count]) => sum + count, 0)} of ${samples} requests failed: ${failed.map(([reason, count]) => `${reason} x${count}`).join(', ')}`);
    verdict.passed = false;
  }
  return { counts, failures, verdict };
}
