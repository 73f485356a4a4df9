// The latency buckets a generated k6 script counts into (one Counter per bucket): k6's end-of-test
// summary gives a Trend's percentiles only, and percentiles of several runners cannot be combined. Bucket
// counts can: summed across runners they form one histogram whose percentiles are exact to one bucket
// (each 10% wider than the last, from 50 microseconds to two minutes).
//
//   LATENCY_BUCKET_BOUNDS_MS[i]: the upper bound of bucket i (milliseconds)
//   latencyBucketMetric(i): the Counter's name in the script and the summary

export const FIRST_BUCKET_BOUND_MS = 0.05;
export const BUCKET_GROWTH = 1.1;
const LAST_BUCKET_BOUND_MS = 120_000;

export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = (() => {
  const bounds: number[] = [];
  for (let bound = FIRST_BUCKET_BOUND_MS; bounds.at(-1) === undefined || (bounds.at(-1) as number) < LAST_BUCKET_BOUND_MS; bound *= BUCKET_GROWTH) {
    bounds.push(Number(bound.toPrecision(6)));
  }
  return bounds;
})();

export const LATENCY_BUCKET_PREFIX = 'gauntlet_latency_bucket_';

export function latencyBucketMetric(index: number): string {
  return `${LATENCY_BUCKET_PREFIX}${index}`;
}

/** The bucket a duration falls in: the first whose bound is at least it (the last takes anything slower). */
export function latencyBucketOf(durationMs: number, bounds: readonly number[] = LATENCY_BUCKET_BOUNDS_MS): number {
  let low = 0;
  let high = bounds.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((bounds[middle] as number) >= durationMs) high = middle;
    else low = middle + 1;
  }
  return low;
}
