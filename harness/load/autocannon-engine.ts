// The autocannon engine (`engine: autocannon`), kept for comparison with the gauntlet engine: closed model
// in this process, optionally capped at a rate (autocannon's overallRate). Results land in the same model:
// latency from autocannon's per-response times into an HDR histogram, statuses, a per-second timeline,
// attribution to backends, and validity from this thread's own load (autocannon shares it with nothing
// else during the run, so a busy event loop means autocannon was the limit).
//
//   runAutocannon(plan): Promise<LoadResult>

import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { EchoIdentity } from './engine/echo-identity.ts';
import type { LoadRequest } from './engine/http1-request.ts';
import { createLatencyRecorder } from './latency-summary.ts';
import type { LoadSnapshot } from './load-progress.ts';
import type { LoadResult } from './load-result.ts';
import { countInSecond, emptySecondSlots, requestsPerSecondSeries, timelineOf } from './per-second-timeline.ts';
import { judgeValidity } from './run-validity.ts';

export interface AutocannonPlan {
  name?: string;
  target: { host: string; port: number };
  request: LoadRequest;
  durationSeconds: number;
  connections: number;
  /** A cap on requests per second (autocannon's overallRate); the model stays closed. */
  rate?: number;
  timeoutSeconds?: number;
  /** Attribute 2xx echo answers to these backends. */
  candidates?: string[];
  /** Aborting stops the load at once; the result covers what ran. */
  signal?: AbortSignal;
  onProgress?: (snapshot: LoadSnapshot) => void;
}

export class AutocannonRunError extends Error {
  readonly code = 'GAUNTLET_LOAD_AUTOCANNON';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AutocannonRunError';
  }
}

export function runAutocannon(plan: AutocannonPlan): Promise<LoadResult> {
  const latency = createLatencyRecorder();
  const identity = plan.candidates === undefined ? undefined : new EchoIdentity(plan.candidates);
  const backends: Record<string, number> = {};
  let unattributed = 0;
  const headers: Record<string, string> = { ...plan.request.headers };
  if (plan.request.host !== undefined) headers.host = plan.request.host;
  const request: autocannon.Request = { method: (plan.request.method ?? 'GET').toUpperCase() as autocannon.Request['method'], path: plan.request.path, headers };
  if (plan.request.body !== undefined) request.body = plan.request.body;
  if (identity !== undefined) {
    request.onResponse = (status, body) => {
      if (status < 200 || status > 299) return;
      const backend = identity.backendOf(Buffer.from(body));
      if (backend === undefined) unattributed += 1;
      else backends[backend] = (backends[backend] ?? 0) + 1;
    };
  }
  const options: autocannon.Options = {
    url: `http://${plan.target.host}:${plan.target.port}`,
    connections: plan.connections,
    duration: plan.durationSeconds,
    timeout: plan.timeoutSeconds ?? 10,
    requests: [request],
  };
  if (plan.rate !== undefined) options.overallRate = plan.rate;
  const seconds = emptySecondSlots();
  const startedAt = new Date();
  const elu = performance.eventLoopUtilization();
  const cpu = process.threadCpuUsage();
  return new Promise((resolve, reject) => {
    // autocannon stops itself after `duration`; this guard bounds the run if a connection hangs past it.
    const guardMs = (plan.durationSeconds + (plan.timeoutSeconds ?? 10) + 5) * 1000;
    let guard: NodeJS.Timeout | undefined;
    const instance = autocannon(options, (error, result) => {
      clearTimeout(guard);
      if (error) {
        reject(new AutocannonRunError(`autocannon against ${plan.target.host}:${plan.target.port} failed: ${String(error)}`, { cause: error }));
        return;
      }
      const used = performance.eventLoopUtilization(elu);
      const cpuUsed = process.threadCpuUsage(cpu);
      const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
      const statuses: Record<string, number> = {};
      for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = (stats as { count: number }).count;
      const total = result.requests.total + result.errors;
      const loadResult: LoadResult = {
        engine: 'autocannon',
        model: 'closed',
        target: plan.target,
        startedAt: startedAt.toISOString(),
        durationSeconds: result.duration,
        connections: result.connections,
        requests: { total, perSecond: result.duration > 0 ? total / result.duration : 0, sentInWindow: result.requests.sent },
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statuses,
        latency: latency.summary(),
        latencyHistogram: encodeIntoCompressedBase64(latency.histogram),
        timeline: timelineOf(seconds, result.duration),
        requestsPerSecondSeries: requestsPerSecondSeries(seconds, result.duration),
        backends,
        unattributed,
        generator: { workers: 1, eventLoopUtilization: [Math.round(used.utilization * 1000) / 1000], cpuMs: Math.round(cpuMs) },
        validity: judgeValidity({ model: 'closed', durationSeconds: result.duration, sentInWindow: result.requests.sent, unsent: 0, eventLoopUtilization: [used.utilization], cpuMs }),
      };
      if (plan.name !== undefined) loadResult.name = plan.name;
      if (plan.rate !== undefined) loadResult.targetRate = plan.rate;
      resolve(loadResult);
    });
    guard = setTimeout(() => instance.stop(), guardMs);
    const started = performance.now();
    const second = () => Math.floor((performance.now() - started) / 1000);
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latency.record(responseTime);
      const now = second();
      countInSecond(seconds, 'responses', now);
      if (status < 200 || status > 299) countInSecond(seconds, 'non2xx', now);
    });
    instance.on('reqError', () => countInSecond(seconds, 'errors', second()));
    const stop = () => instance.stop();
    plan.signal?.addEventListener('abort', stop, { once: true });
    const onProgress = plan.onProgress;
    const ticker =
      onProgress &&
      setInterval(() => {
        const failures = seconds.non2xx.reduce((sum, count) => sum + (count ?? 0), 0) + seconds.errors.reduce((sum, count) => sum + (count ?? 0), 0);
        onProgress({ elapsedSeconds: second(), responses: latency.histogram.totalCount, failures, p99Ms: latency.histogram.totalCount === 0 ? 0 : latency.histogram.getValueAtPercentile(99) / 1000 });
      }, 1000);
    instance.on('done', () => {
      clearInterval(ticker);
      plan.signal?.removeEventListener('abort', stop);
    });
  });
}
