// Latency percentiles read from an HDR histogram recorded in microseconds (3 significant digits; loopback
// latencies keep their sub-millisecond resolution), reported in milliseconds.
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
}

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
