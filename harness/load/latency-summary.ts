// Latency percentiles read from an HDR histogram recorded in microseconds (3 significant digits; loopback
// latencies keep their sub-millisecond resolution), reported in milliseconds, with the percentile curve.
//
//   summarizeLatency(histogram): LatencySummary
//   createLatencyRecorder(): { record(milliseconds), summary(), histogram }   (for engines that report per response)
import type { Histogram } from 'hdr-histogram-js';
import { createMicrosHistogram, HIGHEST_TRACKABLE_MICROS } from './engine/load-recorder.ts';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  minMs?: number;
  p999Ms?: number;
  /** Latency at each of CURVE_PERCENTILES, ascending; 100 is the maximum (the HDR curve a report draws). Absent without samples. */
  percentiles?: LatencyPercentile[];
}

export interface LatencyPercentile {
  percentile: number;
  ms: number;
}

/** Dense where tails live: each step toward 100 halves or tenths the remaining distance, as HDR plots do. */
export const CURVE_PERCENTILES: readonly number[] = [
  0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96.25, 97.5, 98.75, 99, 99.5, 99.75, 99.9, 99.95, 99.99, 99.995, 99.999, 100,
];

const toMs = (micros: number) => Math.round(micros) / 1000;

export function summarizeLatency(histogram: Histogram): LatencySummary {
  const count = histogram.totalCount;
  if (count === 0) return { count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0 };
  return {
    count,
    minMs: toMs(histogram.minNonZeroValue),
    p50Ms: toMs(histogram.getValueAtPercentile(50)),
    p90Ms: toMs(histogram.getValueAtPercentile(90)),
    p99Ms: toMs(histogram.getValueAtPercentile(99)),
    p999Ms: toMs(histogram.getValueAtPercentile(99.9)),
    maxMs: toMs(histogram.maxValue),
    meanMs: toMs(histogram.mean),
    // A percentile reads as its bucket's upper end, which can lie above the largest value recorded: clamp, so
    // the curve ends exactly at the maximum.
    percentiles: CURVE_PERCENTILES.map((percentile) => ({ percentile, ms: toMs(Math.min(histogram.maxValue, histogram.getValueAtPercentile(percentile))) })),
  };
}

export interface LatencyRecorder {
  record(milliseconds: number): void;
  summary(): LatencySummary;
  readonly histogram: Histogram;
}

export function createLatencyRecorder(): LatencyRecorder {
  const histogram = createMicrosHistogram();
  return {
    histogram,
    record(milliseconds) {
      if (!Number.isFinite(milliseconds) || milliseconds < 0) return;
      histogram.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(1, Math.round(milliseconds * 1000))));
    },
    summary: () => summarizeLatency(histogram),
  };
}
