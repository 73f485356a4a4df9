// Latency percentiles through an HDR histogram: constant memory however long the run, and percentiles with
// 3 significant digits. Values are recorded in microseconds so sub-millisecond loopback latencies keep their
// resolution; the summary is in milliseconds.
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
}

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
      };
    },
    encoded: () => (histogram.totalCount === 0 ? undefined : encodeIntoCompressedBase64(histogram)),
  };
}
