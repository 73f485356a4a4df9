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
import { type SplitMeasurement, type SplitSample, tallySplit } from './tally-split.ts';

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

export type { SplitMeasurement };

async function sampleOnce(send: typeof sendRequest, target: ProbeTarget, request: ProbeRequest, backends: string[], options: MeasureSplitOptions): Promise<SplitSample> {
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
  return tallySplit(() => sampleOnce(send, target, request, backends, options), expectedWeights, {
    samples,
    concurrency: options.concurrency ?? 4,
    noun: 'requests',
    ...(options.significance === undefined ? {} : { significance: options.significance }),
  });
}
