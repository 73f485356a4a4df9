// A load result's latency histogram (HdrHistogram compressed base64, microseconds; see harness/load) as a
// weighted sample in milliseconds: each recorded bucket's highest-equivalent value and its count, the form the
// rank and quantile tests read.
//
//   decodeLatencyHistogram(encoded, where): WeightedSample
import { decodeFromCompressedBase64, type JsHistogram } from 'hdr-histogram-js';
import { CompareInputError } from './compare-error.ts';
import { type WeightedSample, weightedSample } from './statistics/weighted-sample.ts';

const microsecondsPerMillisecond = 1000;

export function decodeLatencyHistogram(encoded: string, where: string): WeightedSample {
  let histogram: JsHistogram;
  try {
    histogram = decodeFromCompressedBase64(encoded, 32, false) as JsHistogram;
  } catch (error) {
    throw new CompareInputError(`${where}: the latency histogram does not decode (${(error as Error).message}); the file was changed or cut short: use the results.json the run wrote`, {
      cause: error,
    });
  }
  const values: number[] = [];
  const counts: number[] = [];
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const bucket = iterator.next();
    values.push(histogram.highestEquivalentValue(bucket.valueIteratedTo) / microsecondsPerMillisecond);
    counts.push(bucket.countAddedInThisIterationStep);
  }
  return weightedSample(values, counts);
}
