// Merges the workers' reports into one measurement, exactly: counts are summed, per-interval timelines
// added slot by slot, HDR histograms added (same layout in every worker), and nothing is averaged.
// Percentiles are read from the merged histogram later, never combined from per-worker percentiles.
import { decodeFromCompressedBase64, type Histogram } from 'hdr-histogram-js';
import { addSecondSlots, emptySecondSlots } from '../per-second-timeline.ts';
import type { FailureClass } from './load-connection.ts';
import { createMicrosHistogram } from './load-recorder.ts';
import { FAILURE_CLASSES, type VariantCounts, type WorkerReport } from './worker-plan.ts';

export interface WorkerUsage {
  eventLoopUtilization: number;
  cpuMs: number;
  wallMs: number;
}

/** The workers' counts as one report (same fields as a WorkerReport's), with the histograms decoded and added. */
export interface EngineMeasurement extends Omit<WorkerReport, 'histogram' | 'scheduleLag' | keyof WorkerUsage> {
  startedAtEpochMs: number;
  durationSeconds: number;
  /** Latency, microseconds. */
  latency: Histogram;
  /** Open model only: the dispatcher's lag behind its schedule, microseconds. */
  scheduleLag?: Histogram;
  workers: WorkerUsage[];
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

function mergeVariants(reports: readonly WorkerReport[]): VariantCounts[] {
  const count = Math.max(0, ...reports.map((report) => report.variants.length));
  return Array.from({ length: count }, (_, index) => {
    const merged: VariantCounts = { requests: 0, misrouted: 0, unattributed: 0, backends: {} };
    for (const report of reports) {
      const variant = report.variants[index];
      if (variant === undefined) continue;
      merged.requests += variant.requests;
      merged.misrouted += variant.misrouted;
      merged.unattributed += variant.unattributed;
      addCounts(merged.backends, variant.backends);
    }
    return merged;
  });
}

function mergeHistograms(encoded: readonly (string | undefined)[]): Histogram | undefined {
  const present = encoded.filter((text): text is string => text !== undefined);
  if (present.length === 0) return undefined;
  const merged = createMicrosHistogram();
  for (const text of present) merged.add(decodeFromCompressedBase64(text));
  return merged;
}

export function mergeWorkerReports(reports: readonly WorkerReport[], run: { startedAtEpochMs: number; durationSeconds: number }): EngineMeasurement {
  const statuses: Record<string, number> = {};
  const failures = Object.fromEntries(FAILURE_CLASSES.map((name) => [name, 0])) as Record<FailureClass, number>;
  const timeline = emptySecondSlots();
  for (const report of reports) {
    addCounts(statuses, report.statuses);
    for (const name of FAILURE_CLASSES) failures[name] += report.failures[name];
    addSecondSlots(timeline, report.timeline);
  }
  const sum = (pick: (report: WorkerReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  const failureTimes = reports.filter((report) => report.firstFailureMs >= 0);
  const measurement: EngineMeasurement = {
    startedAtEpochMs: run.startedAtEpochMs,
    durationSeconds: run.durationSeconds,
    latency: mergeHistograms(reports.map((report) => report.histogram)) ?? createMicrosHistogram(),
    statuses,
    failures,
    timeline: { responses: Array.from(timeline.responses, (n) => n ?? 0), non2xx: Array.from(timeline.non2xx, (n) => n ?? 0), errors: Array.from(timeline.errors, (n) => n ?? 0) },
    variants: mergeVariants(reports),
    sent: sum((report) => report.sent),
    sentInWindow: sum((report) => report.sentInWindow),
    unsent: sum((report) => report.unsent),
    firstFailureMs: failureTimes.length === 0 ? -1 : Math.min(...failureTimes.map((report) => report.firstFailureMs)),
    lastFailureMs: failureTimes.length === 0 ? -1 : Math.max(...failureTimes.map((report) => report.lastFailureMs)),
    workers: reports.map(({ eventLoopUtilization, cpuMs, wallMs }) => ({ eventLoopUtilization, cpuMs, wallMs })),
  };
  const lag = mergeHistograms(reports.map((report) => report.scheduleLag));
  if (lag !== undefined) measurement.scheduleLag = lag;
  return measurement;
}
