// The gauntlet engine's merged measurement -> the results model: counts, latency summary (with the
// histogram itself, for exact merging later), timeline, attribution per backend and per mix entry, the
// generator's usage and the validity verdict.
import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { EngineMeasurement } from './engine/run-engine.ts';
import type { LoadModel } from './engine/worker-plan.ts';
import { summarizeLatency } from './latency-summary.ts';
import type { LoadResult, MixEntryResult } from './load-result.ts';
import { requestsPerSecondSeries, timelineOf } from './per-second-timeline.ts';
import { judgeValidity } from './run-validity.ts';

export interface MeasurementContext {
  name?: string;
  model: LoadModel;
  target: { host: string; port: number };
  connections: number;
  targetRate?: number;
  /** Per request of the plan: a name and the backend that must answer it. */
  entries: { name: string; expectedBackend?: string }[];
}

const isSuccess = (status: string) => status.length === 3 && status.startsWith('2');

export function resultOfMeasurement(measured: EngineMeasurement, context: MeasurementContext): LoadResult {
  const answered = Object.values(measured.statuses).reduce((sum, count) => sum + count, 0);
  const non2xx = Object.entries(measured.statuses).reduce((sum, [status, count]) => sum + (isSuccess(status) ? 0 : count), 0);
  const errors = Object.values(measured.failures).reduce((sum, count) => sum + count, 0);
  const total = answered + errors;
  const backends: Record<string, number> = {};
  for (const variant of measured.variants) for (const [backend, count] of Object.entries(variant.backends)) backends[backend] = (backends[backend] ?? 0) + count;
  const scheduleLagP99Ms = measured.scheduleLag === undefined ? undefined : measured.scheduleLag.getValueAtPercentile(99) / 1000;
  const cpuMs = measured.workers.reduce((sum, worker) => sum + worker.cpuMs, 0);
  const eventLoopUtilization = measured.workers.map((worker) => Math.round(worker.eventLoopUtilization * 1000) / 1000);
  const result: LoadResult = {
    engine: 'gauntlet',
    model: context.model,
    target: context.target,
    startedAt: new Date(measured.startedAtEpochMs).toISOString(),
    durationSeconds: measured.durationSeconds,
    connections: context.connections,
    requests: { total, perSecond: total / measured.durationSeconds, sent: measured.sent, sentInWindow: measured.sentInWindow, unsent: measured.unsent },
    non2xx,
    errors,
    timeouts: measured.failures.timeout,
    errorsByClass: { ...measured.failures },
    statuses: measured.statuses,
    latency: summarizeLatency(measured.latency),
    latencyHistogram: encodeIntoCompressedBase64(measured.latency),
    timeline: timelineOf(measured.timeline, measured.durationSeconds),
    requestsPerSecondSeries: requestsPerSecondSeries(measured.timeline, measured.durationSeconds),
    backends,
    unattributed: measured.variants.reduce((sum, variant) => sum + variant.unattributed, 0),
    generator: { workers: measured.workers.length, eventLoopUtilization, cpuMs: Math.round(cpuMs), ...(scheduleLagP99Ms === undefined ? {} : { scheduleLagP99Ms }) },
    validity: judgeValidity({
      model: context.model,
      durationSeconds: measured.durationSeconds,
      ...(context.targetRate === undefined ? {} : { targetRate: context.targetRate }),
      sentInWindow: measured.sentInWindow,
      unsent: measured.unsent,
      eventLoopUtilization,
      cpuMs,
      ...(scheduleLagP99Ms === undefined ? {} : { scheduleLagP99Ms }),
    }),
  };
  if (context.name !== undefined) result.name = context.name;
  if (context.targetRate !== undefined) result.targetRate = context.targetRate;
  if (measured.firstFailureMs >= 0) result.failureWindow = { firstMs: Math.round(measured.firstFailureMs), lastMs: Math.round(measured.lastFailureMs) };
  if (context.entries.length > 1 || context.entries.some((entry) => entry.expectedBackend !== undefined)) {
    result.mix = context.entries.map((entry, index): MixEntryResult => {
      const variant = measured.variants[index];
      return {
        name: entry.name,
        ...(entry.expectedBackend === undefined ? {} : { expectedBackend: entry.expectedBackend }),
        requests: variant?.requests ?? 0,
        misrouted: variant?.misrouted ?? 0,
        backends: variant?.backends ?? {},
      };
    });
  }
  return result;
}
