// A closed-model load phase: autocannon in-process against one host endpoint for a fixed time. Counts
// transport errors, timeouts and non-2xx responses, measures latency through an HDR histogram, and, when
// weights are given, attributes every response to the echo backend that wrote it and judges the split with
// the same chi-square test as the traffic probes.
//
//   runLoad(options: LoadOptions): Promise<LoadResult>
import autocannon from 'autocannon';
import { identifyBackend } from '../traffic/backend-identity.ts';
import { type ProbeRequest, type ProbeTarget, parseEchoBody } from '../traffic/send-request.ts';
import { judgeSplit, type SplitVerdict } from '../traffic/split-verdict.ts';
import { createLatencyRecorder, type LatencyRecorder, type LatencySummary } from './latency-histogram.ts';
import { createPerSecondCounter, type LoadSecond, type PerSecondCounter } from './per-second-counts.ts';

export interface LoadOptions {
  target: ProbeTarget;
  request: ProbeRequest;
  durationSeconds: number;
  connections: number;
  /** Overall requests per second; absent: as fast as the connections allow. */
  rate?: number;
  /** Backend -> weight; when present, per-backend counts are judged by the split test. */
  expectedWeights?: Record<string, number>;
  /** Per-request timeout in seconds; default 10. */
  timeoutSeconds?: number;
  /** Aborting stops the load at once (Ctrl-C); the result covers what ran. */
  signal?: AbortSignal;
  /** Called about once a second while the load runs, for live progress. */
  onProgress?: (progress: LoadProgress) => void;
}

/** The load so far, for live displays. */
export interface LoadProgress {
  elapsedSeconds: number;
  durationSeconds: number;
  /** Responses in the last whole second. */
  lastSecondRate: number;
  p99Ms: number;
  /** Transport errors and non-2xx responses so far. */
  errors: number;
}

export interface LoadResult {
  durationSeconds: number;
  connections: number;
  requests: { total: number; perSecond: number };
  non2xx: number;
  /** Transport errors, timeouts included (autocannon's count). */
  errors: number;
  timeouts: number;
  latency: LatencySummary;
  /** Every response's latency, microseconds, as HdrHistogram compressed base64 (absent when none completed). */
  latencyHistogram?: string;
  /** Responses, non-2xx and errors per second of the run, for throughput over time. */
  timeline?: LoadSecond[];
  /** Responses per backend (only when expectedWeights were given). */
  backends: Record<string, number>;
  /** 2xx responses whose body was not an echo body (only when expectedWeights were given). */
  unattributed: number;
  split?: SplitVerdict;
}

export class LoadRunError extends Error {
  readonly code = 'GAUNTLET_LOAD_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LoadRunError';
  }
}

function attribution(weights: Record<string, number> | undefined) {
  const backends: Record<string, number> = {};
  let unattributed = 0;
  const candidates = Object.keys(weights ?? {});
  const onResponse = (status: number, body: string) => {
    if (status < 200 || status > 299) return;
    const echo = parseEchoBody(body);
    if (!echo) {
      unattributed += 1;
      return;
    }
    const backend = identifyBackend(candidates, echo) ?? (echo.service || `pod ${echo.pod}`);
    backends[backend] = (backends[backend] ?? 0) + 1;
  };
  return { backends, onResponse, unattributed: () => unattributed };
}

function autocannonOptions(options: LoadOptions, onResponse?: (status: number, body: string) => void): autocannon.Options {
  const { target, request } = options;
  const headers: Record<string, string> = { ...request.headers };
  if (request.host !== undefined) headers.host = request.host;
  const single: autocannon.Request = { method: (request.method ?? 'GET') as autocannon.Request['method'], path: request.path, headers };
  if (onResponse) single.onResponse = onResponse;
  const opts: autocannon.Options = {
    url: `http://${target.host}:${target.port}`,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds ?? 10,
    requests: [single],
  };
  if (options.rate !== undefined) opts.overallRate = options.rate;
  return opts;
}

function reportProgress(options: LoadOptions, startedAt: number, timeline: PerSecondCounter, latency: LatencyRecorder): void {
  const elapsedSeconds = Math.floor((performance.now() - startedAt) / 1000);
  const seconds = timeline.seconds();
  options.onProgress?.({
    elapsedSeconds: Math.min(elapsedSeconds, options.durationSeconds),
    durationSeconds: options.durationSeconds,
    lastSecondRate: seconds[elapsedSeconds - 1]?.responses ?? 0,
    p99Ms: latency.summary().p99Ms,
    errors: seconds.reduce((sum, second) => sum + second.non2xx + second.errors, 0),
  });
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!(options.durationSeconds > 0) || !(options.connections >= 1)) {
    return Promise.reject(new LoadRunError(`load needs durationSeconds > 0 and connections >= 1, got ${options.durationSeconds} and ${options.connections}`));
  }
  const latency = createLatencyRecorder();
  const timeline = createPerSecondCounter(options.durationSeconds);
  const counted = options.expectedWeights ? attribution(options.expectedWeights) : undefined;
  return new Promise((resolve, reject) => {
    // autocannon stops itself after `duration`; this guard bounds the run if a connection hangs past it.
    const guardMs = (options.durationSeconds + (options.timeoutSeconds ?? 10) + 5) * 1000;
    let guard: NodeJS.Timeout | undefined;
    const instance = autocannon(autocannonOptions(options, counted?.onResponse), (error, result) => {
      clearTimeout(guard);
      if (error) {
        reject(new LoadRunError(`load against ${options.target.host}:${options.target.port} failed: ${String(error)}`, { cause: error }));
        return;
      }
      const total = result.requests.total;
      const loadResult: LoadResult = {
        durationSeconds: result.duration,
        connections: result.connections,
        requests: { total, perSecond: result.duration > 0 ? total / result.duration : 0 },
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        latency: latency.summary(),
        timeline: timeline.seconds(),
        backends: counted?.backends ?? {},
        unattributed: counted?.unattributed() ?? 0,
      };
      const histogram = latency.encoded();
      if (histogram !== undefined) loadResult.latencyHistogram = histogram;
      if (options.expectedWeights) loadResult.split = judgeSplit(loadResult.backends, options.expectedWeights);
      resolve(loadResult);
    });
    guard = setTimeout(() => instance.stop(), guardMs);
    const startedAt = performance.now();
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latency.record(responseTime);
      timeline.response(status);
    });
    instance.on('reqError', () => timeline.error());
    const stop = () => instance.stop();
    options.signal?.addEventListener('abort', stop, { once: true });
    const ticker = options.onProgress && setInterval(() => reportProgress(options, startedAt, timeline, latency), 1000);
    instance.on('done', () => {
      clearInterval(ticker);
      options.signal?.removeEventListener('abort', stop);
    });
  });
}
