// Sends `samples` requests and counts which backend answered each one, then judges the counts with the
// split test. Every request must succeed with an echo body; failures are counted and fail the measurement.
//
//   measureSplit(target, request, expectedWeights, samples = DEFAULT_SPLIT_SAMPLES, options?): Promise<SplitMeasurement>
//
// Why 500 samples by default: with 70/30 expected, a gateway that really splits 50/50 gives a chi-square
// non-centrality of 500 * (0.2²/0.7 + 0.2²/0.3) ≈ 95, so at significance 0.001 (critical value 10.83, 1 df)
// it passes only with probability ≈ Φ(3.29 - 9.76) ≈ 5e-11: it fails for all practical purposes. A subtler
// 80/20 error (non-centrality ≈ 24) is caught with probability ≈ 0.94. A correct gateway fails with
// probability 0.001. 500 requests over loopback take about a second.
import { describeBackend, identifyBackend } from './backend-identity.ts';
import { type ProbeRequest, type ProbeTarget, sendRequest } from './send-request.ts';
import { judgeSplit, type SplitVerdict } from './split-verdict.ts';

export const DEFAULT_SPLIT_SAMPLES = 500;

export interface MeasureSplitOptions {
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  significance?: number;
  requestTimeoutMs?: number;
  send?: typeof sendRequest;
}

export interface SplitMeasurement {
  counts: Record<string, number>;
  /** Requests that did not produce a 2xx echo response, by reason ("status 503", "no echo body", "ECONNRESET ..."). */
  failures: Record<string, number>;
  verdict: SplitVerdict;
}

async function sampleOnce(send: typeof sendRequest, target: ProbeTarget, request: ProbeRequest, backends: string[], timeoutMs?: number) {
  try {
    const response = await send(target, request, timeoutMs === undefined ? {} : { timeoutMs });
    if (response.status < 200 || response.status > 299) return { failure: `status ${response.status}` };
    if (!response.echo) return { failure: 'no echo body' };
    return { backend: identifyBackend(backends, response.echo) ?? (response.echo.service || describeBackend(response.echo)) };
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
      const sample = await sampleOnce(send, target, request, backends, options.requestTimeoutMs);
      if (sample.backend !== undefined) counts[sample.backend] = (counts[sample.backend] ?? 0) + 1;
      else failures[sample.failure] = (failures[sample.failure] ?? 0) + 1;
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
