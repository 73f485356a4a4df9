// The HDR percentile curve of a latency sample: latency at percentiles spaced evenly on the "number of nines"
// axis (90, 99, 99.9, ...), up to the last one the sample can tell apart from its maximum. It is what latency
// charts plot, so a tail that moved shows at the right edge instead of being squeezed into one pixel. The
// maximum is placed at percentile 100 * (1 - 1/n), where HDR plots put it (100 itself is infinitely far).
//
//   percentileCurve(sample): [percentile, value][]
import { percentileOf, type WeightedSample } from './statistics/weighted-sample.ts';

/** Points per decade of the "nines" axis. */
const stepsPerNine = 5;

export function percentileCurve(sample: WeightedSample | undefined): [number, number][] {
  if (!sample || sample.total === 0) return [];
  // Beyond 1 - 1/n every percentile is the maximum.
  const nines = Math.log10(sample.total);
  const points: [number, number][] = [];
  for (let step = 0; step <= Math.floor(nines * stepsPerNine); step += 1) {
    const percentile = 100 * (1 - 10 ** (-step / stepsPerNine));
    points.push([round(percentile), percentileOf(sample, percentile)]);
  }
  points.push([round(100 * (1 - 1 / sample.total)), percentileOf(sample, 100)]);
  return points;
}

const round = (value: number) => Number(value.toPrecision(10));
