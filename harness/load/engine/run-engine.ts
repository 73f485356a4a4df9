// The engine's main side: encodes the requests, starts one worker thread per share of the connections,
// waits until each has connected, starts them all at one common instant, and merges their reports
// exactly (counts summed, HDR histograms added; percentiles are read from the merged histogram only).
// An aborted `signal` ends the window early in every worker; `onProgress` gets the figures about once a second.
//
//   runEngine(plan: EnginePlan): Promise<EngineMeasurement>
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoadSnapshot } from '../load-progress.ts';
import { encodeRequest, expectsNoBody, type LoadRequest } from './http1-request.ts';
import { type EngineMeasurement, mergeWorkerReports } from './merge-reports.ts';
import type { LoadModel, MainMessage, WorkerMessage, WorkerPlan, WorkerProgress, WorkerReport } from './worker-plan.ts';

export type { EngineMeasurement };

export interface EnginePlan {
  target: { host: string; port: number };
  /** One request, or a mix sent in turn. */
  requests: LoadRequest[];
  model: LoadModel;
  connections: number;
  /** Open model: requests per second across all workers. */
  rate?: number;
  durationSeconds: number;
  /** Default: see defaultWorkerCount. */
  workers?: number;
  /** Per-request timeout; default 10 s. */
  timeoutSeconds?: number;
  /** Attribute 2xx answers to these backends (echo bodies); also when any request has an expected backend. */
  candidates?: string[];
  /** Per request: the backend that must answer it. */
  expectedBackends?: (string | undefined)[];
  /** Aborting ends the window at once; the measurement covers what ran. */
  signal?: AbortSignal;
  /** About once a second while the load runs. */
  /** About once a second while the load runs; p99 there is the highest of the workers' own (a live approximation: the result's comes from the merged histogram). */
  onProgress?: (snapshot: LoadSnapshot) => void;
}

export class LoadEngineError extends Error {
  readonly code = 'GAUNTLET_LOAD_ENGINE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LoadEngineError';
  }
}

/** Body bytes kept per answer when attributing: an echo answer names its pod well within this. */
const CAPTURE_BYTES = 4096;
const WORKER_SCRIPT = new URL('./load-worker.ts', import.meta.url);
/** How far ahead of now the common start is set, once every worker has connected. */
const START_DELAY_MS = 30;

/**
 * Worker threads when the plan names none: half the cores, at most 4, at least 1. The other half is left to
 * what is measured, which on one machine shares the cores with the generator.
 */
export function defaultWorkerCount(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, Math.floor(cores / 2)));
}

function checkPlan(plan: EnginePlan): void {
  const problems: string[] = [];
  if (!(plan.durationSeconds > 0)) problems.push(`durationSeconds must be above 0, got ${plan.durationSeconds}`);
  if (!Number.isInteger(plan.connections) || plan.connections < 1) problems.push(`connections must be a whole number from 1, got ${plan.connections}`);
  if (plan.model === 'open' && !(plan.rate !== undefined && plan.rate > 0)) problems.push(`the open model needs a rate above 0, got ${String(plan.rate)}`);
  if (plan.requests.length === 0) problems.push('no request to send');
  if (plan.workers !== undefined && (!Number.isInteger(plan.workers) || plan.workers < 1)) problems.push(`workers must be a whole number from 1, got ${plan.workers}`);
  if (problems.length > 0) throw new LoadEngineError(`load plan against ${plan.target.host}:${plan.target.port}: ${problems.join('; ')}`);
}

function workerPlans(plan: EnginePlan): WorkerPlan[] {
  const count = Math.min(plan.workers ?? defaultWorkerCount(), plan.connections);
  const defaultHost = `${plan.target.host}:${plan.target.port}`;
  const requests = plan.requests.map((request) => ({ bytes: new Uint8Array(encodeRequest(request, defaultHost)), noBody: expectsNoBody(request) }));
  const expectedBackends = plan.requests.map((_, index) => plan.expectedBackends?.[index]);
  const candidates = [...new Set([...(plan.candidates ?? []), ...expectedBackends.filter((name): name is string => name !== undefined)])];
  const attributing = candidates.length > 0 || plan.candidates !== undefined;
  // Only plain data crosses to a thread: a target may carry more than host and port (methods, sockets).
  const target = { host: plan.target.host, port: plan.target.port };
  return Array.from({ length: count }, (_, workerIndex) => ({
    target,
    requests,
    model: plan.model,
    // Connections split as evenly as they go: the first workers take one more.
    connections: Math.floor(plan.connections / count) + (workerIndex < plan.connections % count ? 1 : 0),
    ...(plan.rate === undefined ? {} : { rate: plan.rate }),
    workerIndex,
    workerCount: count,
    durationMs: plan.durationSeconds * 1000,
    timeoutMs: (plan.timeoutSeconds ?? 10) * 1000,
    captureBytes: attributing ? CAPTURE_BYTES : 0,
    candidates,
    expectedBackends,
  }));
}

interface RunningWorker {
  worker: Worker;
  connected: Promise<void>;
  report: Promise<WorkerReport>;
  /** The worker's latest figures. */
  progress: WorkerProgress;
}

function startWorker(plan: WorkerPlan): RunningWorker {
  const running = { progress: { responses: 0, failures: 0, p99Micros: 0 } };
  const worker = new Worker(WORKER_SCRIPT, { workerData: plan });
  let connected: () => void = () => {};
  const connectedPromise = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const report = new Promise<WorkerReport>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'connected') connected();
      else if (message.type === 'progress') running.progress = message.progress;
      else if (message.type === 'report') resolve(message.report);
      else reject(new LoadEngineError(`load worker ${plan.workerIndex} failed: ${message.message}`));
    });
    worker.once('error', (error) => reject(new LoadEngineError(`load worker ${plan.workerIndex} crashed: ${error.message}`, { cause: error })));
    worker.once('exit', (code) => reject(new LoadEngineError(`load worker ${plan.workerIndex} exited (code ${code}) before reporting`)));
  });
  // A crash before 'connected' must not leave the start waiting.
  report.catch(() => connected());
  return Object.assign(running, { worker, connected: connectedPromise, report });
}

export async function runEngine(plan: EnginePlan): Promise<EngineMeasurement> {
  checkPlan(plan);
  const plans = workerPlans(plan);
  const workers = plans.map(startWorker);
  const guardMs = (plan.durationSeconds + (plan.timeoutSeconds ?? 10)) * 1000 + 20_000;
  let guard: NodeJS.Timeout | undefined;
  const cleanups: (() => void)[] = [];
  try {
    await Promise.all(workers.map((running) => running.connected));
    const startAtEpochMs = performance.timeOrigin + performance.now() + START_DELAY_MS;
    for (const { worker } of workers) worker.postMessage({ type: 'start', startAtEpochMs } satisfies MainMessage);
    let stoppedAtEpochMs: number | undefined;
    const stop = () => {
      stoppedAtEpochMs = performance.timeOrigin + performance.now();
      for (const { worker } of workers) worker.postMessage({ type: 'stop' } satisfies MainMessage);
    };
    if (plan.signal?.aborted) stop();
    else plan.signal?.addEventListener('abort', stop, { once: true });
    cleanups.push(() => plan.signal?.removeEventListener('abort', stop));
    if (plan.onProgress) {
      const onProgress = plan.onProgress;
      const ticker = setInterval(() => onProgress(sumProgress(workers, startAtEpochMs)), 1000);
      cleanups.push(() => clearInterval(ticker));
    }
    const overdue = new Promise<never>((_, reject) => {
      guard = setTimeout(() => reject(new LoadEngineError(`load against ${plan.target.host}:${plan.target.port} did not finish within ${guardMs} ms; workers stopped`)), guardMs);
    });
    const reports = await Promise.race([Promise.all(workers.map((running) => running.report)), overdue]);
    // Stopped early: rates are over the window that ran, not the one planned.
    const durationSeconds = stoppedAtEpochMs === undefined ? plan.durationSeconds : Math.min(plan.durationSeconds, Math.max(0.001, (stoppedAtEpochMs - startAtEpochMs) / 1000));
    return mergeWorkerReports(reports, { startedAtEpochMs: startAtEpochMs, durationSeconds });
  } finally {
    clearTimeout(guard);
    for (const cleanup of cleanups) cleanup();
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }
}

function sumProgress(workers: readonly RunningWorker[], startAtEpochMs: number): LoadSnapshot {
  let responses = 0;
  let failures = 0;
  let p99Micros = 0;
  for (const { progress } of workers) {
    responses += progress.responses;
    failures += progress.failures;
    p99Micros = Math.max(p99Micros, progress.p99Micros);
  }
  const elapsedSeconds = Math.max(0, Math.floor((performance.timeOrigin + performance.now() - startAtEpochMs) / 1000));
  return { elapsedSeconds, responses, failures, p99Ms: p99Micros / 1000 };
}
