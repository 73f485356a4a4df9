// A sample as distinct values with their counts, ascending: what an HDR histogram holds (each bucket's value and
// how many fell in it) and what a list of raw samples reduces to. The rank and quantile tests work on this form,
// so a histogram of a million requests costs as much as its few thousand buckets.
//
//   weightedSample(values, counts?): WeightedSample     sorts and merges equal values; drops zero counts
//   percentileOf(sample, percentile): number             the smallest value with at least that share at or below it
//   meanOf(sample): number
//   countAbove(sample, x), countAtOrAbove(sample, x), pooled(a, b)

export interface WeightedSample {
  /** Distinct values, ascending. */
  readonly values: readonly number[];
  /** counts[i] observations of values[i], each > 0. */
  readonly counts: readonly number[];
  readonly total: number;
}

export class SampleError extends Error {
  readonly code = 'GAUNTLET_SAMPLE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SampleError';
  }
}

export function weightedSample(values: readonly number[], counts?: readonly number[]): WeightedSample {
  if (counts !== undefined && counts.length !== values.length) throw new SampleError(`${values.length} values but ${counts.length} counts`);
  const merged = new Map<number, number>();
  values.forEach((value, index) => {
    const count = counts?.[index] ?? 1;
    if (!Number.isFinite(value)) throw new SampleError(`value ${value} at index ${index} is not a finite number`);
    if (!(Number.isInteger(count) && count >= 0)) throw new SampleError(`count ${count} at index ${index} is not a whole number >= 0`);
    if (count > 0) merged.set(value, (merged.get(value) ?? 0) + count);
  });
  const sorted = [...merged.entries()].sort(([a], [b]) => a - b);
  return { values: sorted.map(([value]) => value), counts: sorted.map(([, count]) => count), total: sorted.reduce((sum, [, count]) => sum + count, 0) };
}

export function percentileOf(sample: WeightedSample, percentile: number): number {
  if (sample.total === 0) throw new SampleError('percentile of an empty sample');
  const needed = Math.max(1, Math.ceil((percentile / 100) * sample.total));
  let seen = 0;
  for (let index = 0; index < sample.values.length; index += 1) {
    seen += sample.counts[index] ?? 0;
    if (seen >= needed) return sample.values[index] ?? 0;
  }
  return sample.values[sample.values.length - 1] ?? 0;
}

export function meanOf(sample: WeightedSample): number {
  if (sample.total === 0) throw new SampleError('mean of an empty sample');
  let sum = 0;
  sample.values.forEach((value, index) => {
    sum += value * (sample.counts[index] ?? 0);
  });
  return sum / sample.total;
}

/** How many observations are strictly greater than `threshold`. */
export function countAbove(sample: WeightedSample, threshold: number): number {
  let above = 0;
  sample.values.forEach((value, index) => {
    if (value > threshold) above += sample.counts[index] ?? 0;
  });
  return above;
}

/** How many observations are at or above `threshold`. */
export function countAtOrAbove(sample: WeightedSample, threshold: number): number {
  let atOrAbove = 0;
  sample.values.forEach((value, index) => {
    if (value >= threshold) atOrAbove += sample.counts[index] ?? 0;
  });
  return atOrAbove;
}

/** Both samples as one (the pooled sample of a two-sample test). */
export function pooled(a: WeightedSample, b: WeightedSample): WeightedSample {
  return weightedSample([...a.values, ...b.values], [...a.counts, ...b.counts]);
}
