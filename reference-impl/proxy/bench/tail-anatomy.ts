// Where a fixed-rate run's p99 comes from: given every request's send time and latency, the generator's schedule
// lag, and the garbage collections of each process involved (gc-observer.ts), says how many requests were at or over
// the run's p99, whether they came in bursts or spread out, and how many of them were in flight while a given
// process was paused in GC. latency-anatomy.ts prints it. Pure: no I/O, no clock.

import type { GcEvent } from './gc-observer.ts';

export interface RequestSamples {
  /** Per request: when it was sent (wall clock, ms since the epoch) and its latency, ms. */
  sentEpochMs: Float64Array;
  latencyMs: Float64Array;
  count: number;
}

export interface GcFigures {
  count: Record<GcEvent['kind'], number>;
  totalPauseMs: number;
  maxPauseMs: number;
  /** Requests at or over the p99 in flight during at least one of this process's pauses, over all of them. */
  slowDuringPause: number;
}

export interface SlowWindow {
  /** Offset of the window from the run's first request, ms. */
  atMs: number;
  slow: number;
  maxLatencyMs: number;
  /** Pauses overlapping the window, per process: "minor 1.2" etc. */
  pauses: string[];
}

export interface TailAnatomy {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  slow: number;
  /** Windows (of windowMs) holding any request at or over the p99, and the share of those requests in the worst 10% of those windows. */
  slowWindows: number;
  windowsTotal: number;
  worstTenthShare: number;
  gc: Record<string, GcFigures>;
  worst: SlowWindow[];
  /** The highest latency among requests sent in each quarter second, ms: a stall shows as a run of high values. */
  maxByQuarterSecond: number[];
}

const percentile = (sorted: Float64Array, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

function overlaps(events: readonly GcEvent[], from: number, to: number): GcEvent[] {
  return events.filter((e) => e.startEpochMs < to && e.startEpochMs + e.pauseMs > from);
}

function gcFigures(events: readonly GcEvent[], slow: readonly number[], samples: RequestSamples): GcFigures {
  const count: GcFigures['count'] = { minor: 0, major: 0, incremental: 0, weak: 0 };
  for (const event of events) count[event.kind] += 1;
  const sorted = [...events].sort((a, b) => a.startEpochMs - b.startEpochMs);
  let during = 0;
  for (const i of slow) {
    const from = samples.sentEpochMs[i] as number;
    if (overlaps(sorted, from, from + (samples.latencyMs[i] as number)).length > 0) during += 1;
  }
  return {
    count,
    totalPauseMs: events.reduce((sum, e) => sum + e.pauseMs, 0),
    maxPauseMs: Math.max(0, ...events.map((e) => e.pauseMs)),
    slowDuringPause: slow.length === 0 ? 0 : during / slow.length,
  };
}

export function tailAnatomy(samples: RequestSamples, gcs: Record<string, readonly GcEvent[]>, windowMs = 10, worstCount = 8): TailAnatomy {
  const latency = samples.latencyMs.slice(0, samples.count);
  const sorted = latency.slice().sort();
  const p99 = percentile(sorted, 99);
  const slow: number[] = [];
  for (let i = 0; i < samples.count; i++) if ((latency[i] as number) >= p99) slow.push(i);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < samples.count; i++) {
    first = Math.min(first, samples.sentEpochMs[i] as number);
    last = Math.max(last, samples.sentEpochMs[i] as number);
  }
  const windows = new Map<number, { slow: number; max: number }>();
  for (const i of slow) {
    const w = Math.floor(((samples.sentEpochMs[i] as number) - first) / windowMs);
    const entry = windows.get(w) ?? { slow: 0, max: 0 };
    entry.slow += 1;
    entry.max = Math.max(entry.max, latency[i] as number);
    windows.set(w, entry);
  }
  const ranked = [...windows].sort((a, b) => b[1].slow - a[1].slow);
  const tenth = ranked.slice(0, Math.max(1, Math.ceil(ranked.length / 10))).reduce((sum, [, w]) => sum + w.slow, 0);
  const worst = ranked.slice(0, worstCount).map(([w, { slow: n, max }]): SlowWindow => {
    const from = first + w * windowMs;
    const pauses = Object.entries(gcs).flatMap(([name, events]) => overlaps(events, from, from + windowMs).map((e) => `${name} ${e.kind} ${e.pauseMs.toFixed(1)}`));
    return { atMs: w * windowMs, slow: n, maxLatencyMs: max, pauses };
  });
  return {
    requests: samples.count,
    p50Ms: percentile(sorted, 50),
    p99Ms: p99,
    p999Ms: percentile(sorted, 99.9),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    slow: slow.length,
    slowWindows: windows.size,
    windowsTotal: Math.ceil((last - first + 1) / windowMs),
    worstTenthShare: slow.length === 0 ? 0 : tenth / slow.length,
    gc: Object.fromEntries(Object.entries(gcs).map(([name, events]) => [name, gcFigures(events, slow, samples)])),
    worst,
    maxByQuarterSecond: maxBySlot(samples, first, 250),
  };
}

function maxBySlot(samples: RequestSamples, first: number, slotMs: number): number[] {
  const slots: number[] = [];
  for (let i = 0; i < samples.count; i++) {
    const slot = Math.floor(((samples.sentEpochMs[i] as number) - first) / slotMs);
    slots[slot] = Math.max(slots[slot] ?? 0, samples.latencyMs[i] as number);
  }
  return Array.from(slots, (x) => x ?? 0);
}
