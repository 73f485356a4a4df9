// The counting half of a split measurement, whatever carries the samples (HTTP requests, TCP connections, UDP
// flows): `samples` samples, `concurrency` at a time, counted by the backend that answered, failures counted by
// reason and failing the verdict, the counts judged with the split test (split-verdict.ts).
//
//   tallySplit(takeSample, expectedWeights, options): Promise<SplitMeasurement>
import { judgeSplit, type SplitVerdict } from './split-verdict.ts';

export interface SplitMeasurement {
  counts: Record<string, number>;
  /** Failed samples by reason: no answer ("status 503", "no echo body", "ECONNRESET ...") or a backend that received other than it should have. */
  failures: Record<string, number>;
  verdict: SplitVerdict;
}

export interface SplitSample {
  /** Which backend answered, when one did. */
  backend?: string;
  /** Why the sample fails, when it does. */
  failure?: string;
}

export interface TallyOptions {
  samples: number;
  concurrency: number;
  significance?: number;
  /** What a sample is, in the failure message: "requests", "connections", "datagrams". */
  noun: string;
}

export async function tallySplit(takeSample: () => Promise<SplitSample>, expectedWeights: Record<string, number>, options: TallyOptions): Promise<SplitMeasurement> {
  const counts: Record<string, number> = {};
  const failures: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < options.samples) {
      next += 1;
      const sample = await takeSample();
      if (sample.backend !== undefined) counts[sample.backend] = (counts[sample.backend] ?? 0) + 1;
      if (sample.failure !== undefined) failures[sample.failure] = (failures[sample.failure] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const verdict = judgeSplit(counts, expectedWeights, options.significance === undefined ? {} : { significance: options.significance });
  const failed = Object.entries(failures);
  if (failed.length > 0) {
    const total = failed.reduce((sum, [, count]) => sum + count, 0);
    verdict.problems.unshift(`${total} of ${options.samples} ${options.noun} failed: ${failed.map(([reason, count]) => `${reason} x${count}`).join(', ')}`);
    verdict.passed = false;
  }
  return { counts, failures, verdict };
}
