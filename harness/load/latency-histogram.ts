// Latency percentiles through an HDR histogram: constant memory however long the run, and percentiles with
// 3 significant digits. Values are recorded in microseconds so sub-millisecond loopback latencies keep their
// resolution; the summary is in milliseconds.
//
// The summary also carries the percentile distribution (HDR curve points) for reports to draw.
//
//   createLatencyRecorder(): { record(milliseconds), summary(): LatencySummary, encoded(): string | undefined }
// encoded() is the whole histogram in HdrHistogram's compressed base64 form (values in microseconds), which every
// HdrHistogram implementation reads: `gauntlet compare` tests two runs' distributions from it.
import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Latency at each of CURVE_PERCENTILES, ascending; 100 is the maximum. Absent without samples. */
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

export interface LatencyRecorder {
  record(milliseconds: number): void;
  summary(): LatencySummary;
  /** The histogram (microseconds) as HdrHistogram compressed base64; undefined when nothing was recorded. */
  encoded(): string | undefined;
}

const microsecondsPerMillisecond = 1000;
/** One hour: anything slower is clamped rather than thrown away. */
const highestTrackableMicroseconds = 3_600_000_000;

export function createLatencyRecorder(): LatencyRecorder {
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: highestTrackableMicroseconds, numberOfSignificantValueDigits: 3, useWebAssembly: false });
  const toMs = (microseconds: number) => Math.round(microseconds) / microsecondsPerMillisecond;
  return {
    record(milliseconds) {
      if (!Number.isFinite(milliseconds) || milliseconds < 0) return;
      const microseconds = Math.min(highestTrackableMicroseconds, Math.max(1, Math.round(milliseconds * microsecondsPerMillisecond)));
      histogram.recordValue(microseconds);
    },
    summary() {
      const count = histogram.totalCount;
      if (count === 0) return { count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0 };
      return {
        count,
        p50Ms: toMs(histogram.getValueAtPercentile(50)),
        p90Ms: toMs(histogram.getValueAtPercentile(90)),
        p99Ms: toMs(histogram.getValueAtPercentile(99)),
        maxMs: toMs(histogram.maxValue),
        meanMs: toMs(histogram.mean),
        // A percentile reads as its bucket's upper end, which can lie above the largest value recorded: clamp,
        // so the curve ends exactly at the maximum.
        percentiles: CURVE_PERCENTILES.map((percentile) => ({ percentile, ms: toMs(Math.min(histogram.maxValue, histogram.getValueAtPercentile(percentile))) })),
      };
    },
    encoded: () => (histogram.totalCount === 0 ? undefined : encodeIntoCompressedBase64(histogram)),
  };
}
