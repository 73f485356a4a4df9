// One load run through the engine the scenario picks, into the one results model: the gauntlet engine
// (open or closed model, a mix, worker threads), autocannon (closed, one request) or k6 (one request,
// through the k6 binary or its container). Weighted splits are judged here for every engine. Ctrl-C (`signal`)
// stops the traffic at once; live figures (`onProgress`) come from the gauntlet and autocannon engines.
//
//   runLoad(options: LoadOptions): Promise<LoadResult>
import { judgeSplit } from '../traffic/split-verdict.ts';
import { runAutocannon } from './autocannon-engine.ts';
import type { LoadRequest } from './engine/http1-request.ts';
import { runEngine } from './engine/run-engine.ts';
import { resultOfMeasurement } from './engine-result.ts';
import type { K6Thresholds } from './k6/k6-script.ts';
import { runK6Load } from './k6/run-k6-load.ts';
import { type LoadProgress, progressFeed } from './load-progress.ts';
import type { LoadEngineName, LoadModel, LoadResult } from './load-result.ts';
import { type LoadStream, runStreamLoad } from './stream/run-stream-load.ts';

export type { LoadProgress, LoadResult };

export interface LoadEntryOptions {
  name: string;
  request: LoadRequest;
  /** The backend that must answer it. */
  expectedBackend?: string;
}

export interface LoadOptions {
  name?: string;
  engine?: LoadEngineName;
  target: { host: string; port: number };
  /** One request, or several sent in turn. */
  entries: LoadEntryOptions[];
  model?: LoadModel;
  durationSeconds: number;
  connections: number;
  /** Open model: requests per second (required); autocannon and k6: a cap / the arrival rate. */
  rate?: number;
  workers?: number;
  timeoutSeconds?: number;
  /** Backend -> weight: answers are attributed and the split judged. */
  expectedWeights?: Record<string, number>;
  /** The split verdict's confidence; default 0.999. */
  splitConfidence?: number;
  /** k6 only: thresholds written into the script. */
  k6Thresholds?: K6Thresholds;
  /** Aborting stops the load at once (Ctrl-C); the result covers what ran. */
  signal?: AbortSignal;
  /** Called about once a second while the load runs, for live progress. */
  onProgress?: (progress: LoadProgress) => void;
  /** gRPC calls or TCP connections instead of `entries` (closed model, on this thread: stream/). */
  stream?: LoadStream;
}

export class LoadRunError extends Error {
  readonly code = 'GAUNTLET_LOAD_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LoadRunError';
  }
}

async function measure(options: LoadOptions, model: LoadModel): Promise<LoadResult> {
  const engine = options.engine ?? 'gauntlet';
  const candidates = options.expectedWeights === undefined ? undefined : Object.keys(options.expectedWeights);
  const [first] = options.entries;
  if (first === undefined) throw new LoadRunError('a load run needs a request to send');
  if (engine !== 'gauntlet' && options.entries.length > 1) throw new LoadRunError(`the ${engine} engine sends one request here; use the gauntlet engine for mixes`);
  if (engine === 'autocannon' && model === 'open') throw new LoadRunError('autocannon has no open model (its rate is a cap on a closed model); use the gauntlet or k6 engine');
  const common = {
    ...(options.name === undefined ? {} : { name: options.name }),
    target: options.target,
    durationSeconds: options.durationSeconds,
    connections: options.connections,
    ...(options.rate === undefined ? {} : { rate: options.rate }),
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    ...(candidates === undefined ? {} : { candidates }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const live = options.onProgress === undefined ? {} : { onProgress: progressFeed(options.durationSeconds, options.onProgress) };
  if (engine === 'autocannon') return await runAutocannon({ ...common, ...live, request: first.request });
  if (engine === 'k6') return await runK6Load({ ...common, request: first.request, model, ...(options.k6Thresholds === undefined ? {} : { thresholds: options.k6Thresholds }) });
  const measured = await runEngine({
    ...common,
    ...live,
    requests: options.entries.map((entry) => entry.request),
    expectedBackends: options.entries.map((entry) => entry.expectedBackend),
    model,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  });
  return resultOfMeasurement(measured, {
    ...(options.name === undefined ? {} : { name: options.name }),
    model,
    target: options.target,
    connections: options.connections,
    ...(options.rate === undefined || model !== 'open' ? {} : { targetRate: options.rate }),
    entries: options.entries.map(({ name, expectedBackend }) => ({ name, ...(expectedBackend === undefined ? {} : { expectedBackend }) })),
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!(options.durationSeconds > 0) || !(options.connections >= 1)) {
    throw new LoadRunError(`load needs durationSeconds > 0 and connections >= 1, got ${options.durationSeconds} and ${options.connections}`);
  }
  if (options.stream !== undefined) return await runStreamLoad({ ...options, stream: options.stream });
  const model = options.model ?? (options.rate === undefined ? 'closed' : 'open');
  // Results (and worker threads) carry the address only: a cluster's endpoint may hold more (the pod's name).
  const result = await measure({ ...options, target: { host: options.target.host, port: options.target.port } }, model);
  if (options.expectedWeights !== undefined) {
    result.split = judgeSplit(result.backends, options.expectedWeights, { significance: Number((1 - (options.splitConfidence ?? 0.999)).toPrecision(12)) });
  }
  return result;
}
