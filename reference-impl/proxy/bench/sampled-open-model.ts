// The harness's open model run in this thread, keeping every request's send time and latency (the engine's
// worker threads keep only histograms): what latency-anatomy.ts needs to line slow requests up with GC pauses
// and stalls. Same dispatcher, connections and recorder as the load engine, so the latency is the engine's.
//
//   runSampledOpenModel(target, plan): Promise<SampledRecorder>

import { encodeRequest } from '../../../harness/load/engine/http1-request.ts';
import { LoadConnection } from '../../../harness/load/engine/load-connection.ts';
import { LoadRecorder } from '../../../harness/load/engine/load-recorder.ts';
import { OpenModel } from '../../../harness/load/engine/open-model.ts';

export interface SampledPlan {
  rate: number;
  durationMs: number;
  connections: number;
  path: string;
}

/** Keeps every request's send time (wall clock) and latency, and every schedule lag, besides the recorder's own figures. */
export class SampledRecorder extends LoadRecorder {
  readonly sentEpochMs: Float64Array;
  readonly latencyMs: Float64Array;
  readonly lagMs: number[] = [];
  count = 0;

  constructor(capacity: number) {
    super({ variants: 1, candidates: [], expectedBackends: [undefined] });
    this.sentEpochMs = new Float64Array(capacity);
    this.latencyMs = new Float64Array(capacity);
  }

  override response(status: number, now: number, base: number, variant: number, body: Buffer | undefined): void {
    super.response(status, now, base, variant, body);
    if (this.count < this.latencyMs.length) {
      this.sentEpochMs[this.count] = performance.timeOrigin + base;
      this.latencyMs[this.count++] = now - base;
    }
  }

  override scheduleLag(lagMs: number): void {
    super.scheduleLag(lagMs);
    this.lagMs.push(lagMs);
  }
}

/** Connects every connection, runs the window, and waits for the answers to every request due in it. */
export async function runSampledOpenModel(target: { host: string; port: number }, plan: SampledPlan): Promise<SampledRecorder> {
  const recorder = new SampledRecorder(Math.ceil((plan.rate * plan.durationMs) / 1000) + 1024);
  const model = new OpenModel(recorder, { rate: plan.rate, workerIndex: 0, workerCount: 1, variants: 1, timeoutMs: 10_000 });
  const requests = [{ bytes: encodeRequest({ path: plan.path }, `${target.host}:${target.port}`), noBody: false }];
  await new Promise<void>((resolve) => {
    let connected = 0;
    const handler = {
      ready: (connection: LoadConnection) => {
        if (++connected === plan.connections) resolve();
        model.ready(connection);
      },
      response: model.response.bind(model),
      failure: model.failure.bind(model),
    };
    const readBuffer = Buffer.allocUnsafe(64 * 1024);
    for (let i = 0; i < plan.connections; i++) new LoadConnection(target, requests, handler, { captureBytes: 0, readBuffer }).open();
  });
  const start = performance.now();
  recorder.startAt(start);
  const sweep = setInterval(() => model.expireBacklog(performance.now()), 50);
  model.start(start, start + plan.durationMs);
  await new Promise((resolve) => setTimeout(resolve, plan.durationMs));
  await model.drained().done;
  clearInterval(sweep);
  return recorder;
}
