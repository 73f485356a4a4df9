// Each load metric of one scenario in two runs: both values, the change, and the test that says whether the
// change is more than chance, or why no test could be made (a run kept no histogram, too few requests).
// Nothing here judges against thresholds: judge-metric.ts does, after the p-values are adjusted together.
//
//   measureLoad(base: LoadFigures, next: LoadFigures): MetricMeasurement[]
import type { MetricId } from './metrics.ts';
import type { LoadFigures } from './read-run.ts';
import { mannWhitneyU } from './statistics/mann-whitney.ts';
import { quantileTest } from './statistics/quantile-test.ts';
import { twoByTwoTest } from './statistics/two-by-two-test.ts';
import { meanOf, weightedSample } from './statistics/weighted-sample.ts';

export interface MetricMeasurement {
  metric: MetricId;
  base: number;
  next: number;
  /** Vargha-Delaney A, for the distribution metric. */
  probabilityNextHigher?: number;
  test?: { method: string; pValue: number };
  /** Why no test was made. */
  untestable?: string;
}

const noHistogram = (base: LoadFigures, next: LoadFigures) =>
  `${!base.latency && !next.latency ? 'neither run kept a' : !base.latency ? 'the base run kept no' : 'the new run kept no'} latency histogram (results from an older gauntlet)`;

/** `alpha` only decides whether a test is worth making: one that cannot reach it is "not testable". */
export function measureLoad(base: LoadFigures, next: LoadFigures, alpha: number): MetricMeasurement[] {
  return [
    latencyDistribution(base, next),
    ...([50, 90, 99] as const).map((percentile) => latencyPercentile(base, next, percentile)),
    throughput(base, next, alpha),
    errors(base, next),
  ];
}

function latencyDistribution(base: LoadFigures, next: LoadFigures): MetricMeasurement {
  if (!base.latency || !next.latency) return { metric: 'latency', base: Number.NaN, next: Number.NaN, untestable: noHistogram(base, next) };
  const measured: MetricMeasurement = { metric: 'latency', base: safeMean(base.latency), next: safeMean(next.latency) };
  const test = mannWhitneyU(base.latency, next.latency);
  if ('untestable' in test) return { ...measured, untestable: test.untestable };
  return { ...measured, probabilityNextHigher: test.probabilityNextHigher, test: { method: test.method, pValue: test.pValue } };
}

function latencyPercentile(base: LoadFigures, next: LoadFigures, percentile: 50 | 90 | 99): MetricMeasurement {
  const key = `p${percentile}Ms` as const;
  const measured: MetricMeasurement = { metric: `latency.p${percentile}`, base: base.summary[key], next: next.summary[key] };
  if (!base.latency || !next.latency) return { ...measured, untestable: noHistogram(base, next) };
  const test = quantileTest(base.latency, next.latency, percentile);
  if ('untestable' in test) return { ...measured, untestable: test.untestable };
  return { ...measured, test: { method: test.method, pValue: test.pValue } };
}

function throughput(base: LoadFigures, next: LoadFigures, alpha: number): MetricMeasurement {
  const measured: MetricMeasurement = { metric: 'throughput', base: base.requestsPerSecond, next: next.requestsPerSecond };
  if (!base.perSecond || !next.perSecond) return { ...measured, untestable: 'a run kept no per-second counts (results from an older gauntlet)' };
  const floor = smallestRankTestPValue(base.perSecond.length, next.perSecond.length);
  if (floor >= alpha) {
    return {
      ...measured,
      untestable: `${base.perSecond.length} and ${next.perSecond.length} seconds of counts: a rank test cannot go below p ${Number(floor.toPrecision(2))} (alpha ${alpha}); run the load longer`,
    };
  }
  const test = mannWhitneyU(weightedSample(base.perSecond), weightedSample(next.perSecond));
  if ('untestable' in test) return { ...measured, untestable: test.untestable };
  return { ...measured, test: { method: `${test.method} on ${base.perSecond.length} and ${next.perSecond.length} seconds`, pValue: test.pValue } };
}

function errors(base: LoadFigures, next: LoadFigures): MetricMeasurement {
  // Failed requests (no response, or a non-2xx one) out of every request sent.
  const failed = (figures: LoadFigures) => figures.transportErrors + figures.non2xx;
  const sent = (figures: LoadFigures) => figures.requests + figures.transportErrors;
  const rate = (figures: LoadFigures) => (sent(figures) === 0 ? 0 : failed(figures) / sent(figures));
  const measured: MetricMeasurement = { metric: 'errors', base: rate(base), next: rate(next) };
  if (sent(base) === 0 || sent(next) === 0) return { ...measured, untestable: 'a run sent no requests' };
  const test = twoByTwoTest({ base: [failed(base), sent(base)], next: [failed(next), sent(next)] });
  return { ...measured, test: { method: test.method, pValue: test.pValue } };
}

/** The most extreme two-sided p-value of an exact rank test: both extreme arrangements of C(m + n, n). */
function smallestRankTestPValue(m: number, n: number): number {
  let arrangements = 1;
  for (let k = 1; k <= n; k += 1) arrangements = (arrangements * (m + k)) / k;
  return Math.min(1, 2 / arrangements);
}

function safeMean(sample: LoadFigures['latency']): number {
  return sample && sample.total > 0 ? meanOf(sample) : Number.NaN;
}
