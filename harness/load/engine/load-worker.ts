// A worker thread of the load engine: opens its connections, says so, waits for the common start time,
// drives its share of the load (closed or open model) for the window, then reports what it measured. A 'stop'
// from the main thread ends the window early (Ctrl-C); figures so far go out several times a second.
// Threads rather than processes: a thread starts in milliseconds and hands its report back by message.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { ClosedModel } from './closed-model.ts';
import { type EncodedRequest, LoadConnection } from './load-connection.ts';
import { LoadRecorder } from './load-recorder.ts';
import { OpenModel } from './open-model.ts';
import type { MainMessage, WorkerMessage, WorkerPlan } from './worker-plan.ts';

/** One read buffer for every connection of the thread: callbacks run one at a time. */
const READ_BUFFER_BYTES = 64 * 1024;
/** How often in-flight requests are checked against the timeout. */
const SWEEP_MS = 50;
/** How long the start waits for connections before it goes ahead (those still connecting join later). */
const CONNECT_WAIT_MS = 5000;
// Several times per main-thread report, so each report sees figures under a quarter second old.
const PROGRESS_EVERY_MS = 250;

const plan = workerData as WorkerPlan;
const port = parentPort;
const post = (message: WorkerMessage) => port?.postMessage(message);

async function run(): Promise<void> {
  const requests: EncodedRequest[] = plan.requests.map((request) => ({ bytes: Buffer.from(request.bytes), noBody: request.noBody }));
  const recorder = new LoadRecorder({
    variants: requests.length,
    candidates: plan.candidates,
    expectedBackends: plan.expectedBackends,
  });
  const model =
    plan.model === 'open'
      ? new OpenModel(recorder, { rate: plan.rate ?? 1, workerIndex: plan.workerIndex, workerCount: plan.workerCount, variants: requests.length, timeoutMs: plan.timeoutMs })
      : new ClosedModel(recorder, requests.length);
  let connected = 0;
  let announce: (() => void) | undefined;
  const allConnected = new Promise<void>((resolve) => {
    announce = resolve;
  });
  const handler = {
    ready: (connection: LoadConnection) => {
      connected += 1;
      if (connected === plan.connections) announce?.();
      model.ready(connection);
    },
    response: model.response.bind(model),
    failure: model.failure.bind(model),
  };
  const readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  const connections = Array.from({ length: plan.connections }, () => new LoadConnection(plan.target, requests, handler, { captureBytes: plan.captureBytes, readBuffer }));
  for (const connection of connections) connection.open();
  await Promise.race([allConnected, new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS))]);
  post({ type: 'connected' });

  let stopped = false;
  let stopWindow: (() => void) | undefined;
  const startAtEpochMs = await new Promise<number>((resolve) => {
    port?.on('message', (message: MainMessage) => {
      if (message.type === 'start') resolve(message.startAtEpochMs);
      else {
        stopped = true;
        resolve(Date.now());
        stopWindow?.();
      }
    });
  });
  const startAt = startAtEpochMs - performance.timeOrigin;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - performance.now())));

  const start = performance.now();
  const end = start + plan.durationMs;
  const elu = performance.eventLoopUtilization();
  const cpu = process.threadCpuUsage();
  recorder.startAt(start);
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const connection of connections) if (connection.busy && now - connection.sentAt > plan.timeoutMs) connection.timeOut();
    if (model instanceof OpenModel) model.expireBacklog(now);
  }, SWEEP_MS);
  const ticker = setInterval(() => post({ type: 'progress', progress: recorder.progress() }), PROGRESS_EVERY_MS);
  model.start(start, end);
  await new Promise<void>((resolve) => {
    if (stopped) return resolve();
    const timer = setTimeout(resolve, Math.max(0, end - performance.now()));
    stopWindow = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  clearInterval(ticker);
  // Saturation is judged over the load window itself: the open model's drain mostly waits, and would dilute it.
  const usedInWindow = performance.eventLoopUtilization(elu);
  if (model instanceof OpenModel) {
    // Requests due before the end are followed to their answer (or timeout), not cut off.
    const drain = model.drained();
    // Interrupted: what is still in flight is abandoned, not waited for.
    const giveUp = setTimeout(drain.giveUp, stopped ? 0 : plan.timeoutMs + SWEEP_MS * 2);
    await drain.done;
    clearTimeout(giveUp);
  } else {
    model.stop();
  }
  // CPU covers the window and the open model's drain: every request sent costs its share.
  const cpuUsed = process.threadCpuUsage(cpu);
  const wallMs = performance.now() - start;
  clearInterval(sweep);
  for (const connection of connections) connection.stop();
  post({ type: 'report', report: recorder.report({ eventLoopUtilization: usedInWindow.utilization, cpuMs: (cpuUsed.user + cpuUsed.system) / 1000, wallMs }) });
}

run().catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
