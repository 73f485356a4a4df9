// Did a percentile move? Mood's quantile test: take the pooled sample's q-th percentile and ask whether the
// share of each run's observations above it differs (a 2x2 table, see two-by-two-test.ts). It needs nothing
// but counts, so it works on HDR histograms as well as on raw samples, and it asks about the tail itself
// (p99) where a rank test would mostly see the body of the distribution. With ties at the split (histogram
// buckets), "above" means "at or above" when that puts the pooled share nearer the nominal tail: the choice
// looks at the pooled sample only, so it cannot favour either run.
//
//   quantileTest(base, next, percentile): QuantileTestResult | { untestable: string }
import { twoByTwoTest } from './two-by-two-test.ts';
import { countAbove, countAtOrAbove, percentileOf, pooled, type WeightedSample } from './weighted-sample.ts';

export interface QuantileTestResult {
  method: string;
  pValue: number;
  /** The pooled percentile the test splits at. */
  splitAt: number;
  baseAbove: number;
  nextAbove: number;
}

/** A tail share needs at least this many expected observations above the split in each run to say anything. */
const minimumExpectedAbove = 5;

export function quantileTest(base: WeightedSample, next: WeightedSample, percentile: number): QuantileTestResult | { untestable: string } {
  const tail = 1 - percentile / 100;
  const needed = Math.ceil(minimumExpectedAbove / tail);
  if (base.total < needed || next.total < needed) {
    return { untestable: `p${percentile} needs at least ${needed} observations per run, got ${base.total} and ${next.total}` };
  }
  const all = pooled(base, next);
  const splitAt = percentileOf(all, percentile);
  const strictShare = countAbove(all, splitAt) / all.total;
  const inclusiveShare = countAtOrAbove(all, splitAt) / all.total;
  const inclusive = Math.abs(inclusiveShare - tail) < Math.abs(strictShare - tail);
  const above = (sample: WeightedSample) => (inclusive ? countAtOrAbove(sample, splitAt) : countAbove(sample, splitAt));
  const baseAbove = above(base);
  const nextAbove = above(next);
  const test = twoByTwoTest({ base: [baseAbove, base.total], next: [nextAbove, next.total] });
  return { method: `Mood's quantile test at the pooled p${percentile} (${test.method})`, pValue: test.pValue, splitAt, baseAbove, nextAbove };
}
