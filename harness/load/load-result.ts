// The results model of a load run, one shape for every engine (gauntlet, autocannon, k6): what reports,
// `gauntlet compare` and results.json read. Fields added after the first release are optional so older
// results.json files still read; every run made now sets engine, model, statuses, errorsByClass,
// timeline and validity.
import type { SplitVerdict } from '../traffic/split-verdict.ts';
import type { FailureClass } from './engine/load-connection.ts';
import type { LoadModel } from './engine/worker-plan.ts';
import type { LatencySummary } from './latency-summary.ts';
import type { LoadSecond } from './per-second-timeline.ts';

export type { FailureClass, LatencySummary, LoadModel, LoadSecond };
export type LoadEngineName = 'gauntlet' | 'autocannon' | 'k6';

/** Whether the figures can be trusted: an invalid run is never passed, whatever its thresholds say. */
export interface RunValidity {
  valid: boolean;
  /** Why not, one sentence each (achieved rate short of the target, generator saturated, ...). */
  reasons: string[];
  /** What makes figures less exact without invalidating the run (the dispatcher lagging on a busy machine). */
  warnings?: string[];
}

/** The load generator's own state during the run, to tell its limits from the target's. */
export interface GeneratorUsage {
  workers: number;
  /** Per worker thread: the share of the window its event loop was busy (0..1). */
  eventLoopUtilization: number[];
  /** CPU the load-generating threads used in the window, ms. */
  cpuMs: number;
  /** Open model: p99 of how late the dispatcher sent requests behind their schedule. */
  scheduleLagP99Ms?: number;
}

/** One request of a mix and where its answers came from. */
export interface MixEntryResult {
  name: string;
  /** The backend that must answer it; absent when any may. */
  expectedBackend?: string;
  requests: number;
  /** 2xx answers from another backend than expected, or with no echo body to tell. */
  misrouted: number;
  backends: Record<string, number>;
}

/** The same load sent straight to a backend pod in the same run, and the target's figures as ratios of it. */
export interface BaselineComparison {
  label: string;
  result: DirectLoadResult;
  /** target / baseline: requests per second, and latency p50 and p99 (above 1: slower than the baseline). */
  ratios: { requestsPerSecond: number; p50: number; p99: number };
}

/** A disruption made during the load (a pod killed) and how the target recovered. */
export interface DisruptionResult {
  description: string;
  /** Since the load started. */
  atMs: number;
  /** Failed requests (errors and non-2xx) after it. */
  failuresAfter: number;
  /** From the disruption to the last failure; 0 when nothing failed. */
  recoveryMs: number;
}

/** Changes made to the cluster during the load (route churn). */
export interface ChurnResult {
  /** Applies made. */
  changes: number;
  everyMs: number;
  /** Slowest apply round trip to the API server. */
  slowestApplyMs: number;
}

export interface LoadResult {
  /** The run's name in the scenario (a load list names each). */
  name?: string;
  engine?: LoadEngineName;
  model?: LoadModel;
  /** What a request was: an HTTP request (absent: http), a gRPC unary call, or a TCP connection (stream/). */
  protocol?: 'http' | 'grpc' | 'tcp';
  /** TCP runs: bytes written and read per second over the window, both directions together. */
  bytesPerSecond?: number;
  target?: { host: string; port: number };
  /** ISO 8601, when the measured window began. */
  startedAt?: string;
  durationSeconds: number;
  connections: number;
  /** Open model: the arrival rate asked for, requests/s. */
  targetRate?: number;
  /** total: requests that ended (answered or failed); perSecond: total over the window. */
  requests: { total: number; perSecond: number; sent?: number; sentInWindow?: number; unsent?: number };
  non2xx: number;
  /** Transport errors, timeouts included. */
  errors: number;
  timeouts: number;
  errorsByClass?: Record<FailureClass, number>;
  /** Status code -> answers. */
  statuses?: Record<string, number>;
  latency: LatencySummary;
  /** Latency in microseconds as an HDR histogram (hdr-histogram-js compressed base64): merge runs exactly with it. */
  latencyHistogram?: string;
  /** Per second of the run: responses, non-2xx, errors (throughput over time; late answers in the last second). */
  timeline?: LoadSecond[];
  /** Responses completed in each whole second of the window, in order. */
  requestsPerSecondSeries?: number[];
  /** Since the start: the first and last failure, ms; absent when nothing failed. */
  failureWindow?: { firstMs: number; lastMs: number };
  /** Responses per backend (when attributed). */
  backends: Record<string, number>;
  /** 2xx responses whose body was not an echo body (when attributed). */
  unattributed: number;
  split?: SplitVerdict;
  mix?: MixEntryResult[];
  generator?: GeneratorUsage;
  validity?: RunValidity;
  baseline?: BaselineComparison;
  disruption?: DisruptionResult;
  churn?: ChurnResult;
}

/** A run straight to a backend: none of what only a run through the gateway carries. */
export type DirectLoadResult = Omit<LoadResult, 'baseline' | 'disruption' | 'churn'>;
