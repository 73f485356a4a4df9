// What the engine's main thread hands each worker thread (WorkerPlan) and what a worker sends back
// (WorkerReport): plain data, structured-cloned across threads. Latency histograms travel as HDR's
// compressed encoding so the main thread merges them exactly, never averaging percentiles.
import type { SecondSlots } from '../per-second-timeline.ts';
import type { FailureClass } from './load-connection.ts';

export type LoadModel = 'open' | 'closed';

export interface WorkerPlan {
  target: { host: string; port: number };
  /** Each variant's encoded request (a mix sends them in turn). */
  requests: { bytes: Uint8Array; noBody: boolean }[];
  model: LoadModel;
  /** This worker's connections. */
  connections: number;
  /** Open model: the run's total arrival rate (requests/s); this worker sends every workerCount-th request. */
  rate?: number;
  workerIndex: number;
  workerCount: number;
  durationMs: number;
  timeoutMs: number;
  /** Body bytes kept per response for attribution; 0: none. */
  captureBytes: number;
  /** Backend names responses are attributed to (pod name prefixes or Service names). */
  candidates: string[];
  /** Per variant: the backend that must answer it, if any (a mix's misroute check). */
  expectedBackends: (string | undefined)[];
}

export interface VariantCounts {
  requests: number;
  misrouted: number;
  /** 2xx responses whose body named no backend. */
  unattributed: number;
  backends: Record<string, number>;
}

export interface WorkerReport {
  /** Latency in microseconds, HDR compressed base64. */
  histogram: string;
  /** Open model: how late the dispatcher ran behind the schedule, microseconds, HDR compressed base64. */
  scheduleLag?: string;
  statuses: Record<string, number>;
  failures: Record<FailureClass, number>;
  /** Per second since the start: answers, non-2xx answers, transport errors. */
  timeline: SecondSlots;
  variants: VariantCounts[];
  /** Requests written (open model: intended in the window and sent, possibly after it). */
  sent: number;
  /** Requests written before the window ended. */
  sentInWindow: number;
  /** Open model: requests due in the window that never got a connection before the drain ended. */
  unsent: number;
  /** Milliseconds since the start of the first and last failure (error or non-2xx); -1: none. */
  firstFailureMs: number;
  lastFailureMs: number;
  eventLoopUtilization: number;
  cpuMs: number;
  wallMs: number;
}

/** A worker's figures so far, sent about once a second for live displays. */
export interface WorkerProgress {
  /** Answers recorded (any status). */
  responses: number;
  /** Transport errors and non-2xx answers. */
  failures: number;
  /** p99 of this worker's latencies so far, microseconds. */
  p99Micros: number;
}

export type WorkerMessage = { type: 'connected' } | { type: 'progress'; progress: WorkerProgress } | { type: 'report'; report: WorkerReport } | { type: 'failed'; message: string };
/** 'stop' ends the window early (the run was interrupted): the worker reports what it measured until then. */
export type MainMessage = { type: 'start'; startAtEpochMs: number } | { type: 'stop' };

export const FAILURE_CLASSES: readonly FailureClass[] = ['connect', 'reset', 'timeout', 'protocol'];
