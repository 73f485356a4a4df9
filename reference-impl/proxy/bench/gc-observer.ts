// Preloaded into a benchmarked Node process (`node --import gc-observer.ts ...`) by latency-anatomy.ts: records
// every garbage collection (kind, start on the wall clock, pause) through perf_hooks, and hands the list over when
// the parent asks on the IPC channel. Wall-clock starts (timeOrigin + startTime) let the parent line pauses up
// with its own requests' send and answer times; --trace-gc only prints ms since the isolate started.

import { constants, PerformanceObserver, performance } from 'node:perf_hooks';

export interface GcEvent {
  kind: 'minor' | 'major' | 'incremental' | 'weak';
  /** Wall clock, ms since the epoch. */
  startEpochMs: number;
  pauseMs: number;
}

export const GC_REPORT_REQUEST = 'gc-report';

const KINDS: Record<number, GcEvent['kind']> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
};

const events: GcEvent[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = KINDS[((entry as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind ?? -1] ?? 'minor';
    events.push({ kind, startEpochMs: performance.timeOrigin + entry.startTime, pauseMs: entry.duration });
  }
});
observer.observe({ entryTypes: ['gc'] });

/** The events since the last call, then forgotten: for a process that observes itself (the generator). */
export function takeGcEvents(): GcEvent[] {
  return events.splice(0);
}

// Only when the parent asks: the events since the last report, then forgotten (a bench run asks once per phase).
process.on('message', (message) => {
  if ((message as { type?: string }).type !== GC_REPORT_REQUEST) return;
  process.send?.({ type: GC_REPORT_REQUEST, events: takeGcEvents() });
});
