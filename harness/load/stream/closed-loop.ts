// A closed-model loop for the protocols the HTTP/1.1 engine does not speak (gRPC calls, TCP connections):
// `connections` workers, each doing one operation after another for `durationSeconds` (bounded: no new
// operation starts after the window, and each is bounded by its own deadline), on this thread. Each operation
// says whether it succeeded (and if not, its outcome as a status name), which backend answered and how many
// bytes it moved; latencies go into an HDR histogram in microseconds like the engine's.
import type { Histogram } from 'hdr-histogram-js';
import { createMicrosHistogram, HIGHEST_TRACKABLE_MICROS } from '../engine/load-recorder.ts';

export interface OperationOutcome {
  /** `OK` for a success; otherwise what it ended with (a gRPC status name, `refused`, `timeout`, ...). */
  status: string;
  ok: boolean;
  /** A transport failure (no answer at all) rather than an answer that is not a success. */
  transportError?: boolean;
  timeout?: boolean;
  backend?: string;
  bytes?: number;
}

export interface LoopWorker {
  /** Made once before the window opens (a channel connecting), so that the window measures steady work. */
  warmUp?(): Promise<void>;
  once(): Promise<OperationOutcome>;
  close(): void;
}

export interface LoopMeasurement {
  startedAtEpochMs: number;
  durationSeconds: number;
  operations: number;
  statuses: Record<string, number>;
  transportErrors: number;
  timeouts: number;
  backends: Record<string, number>;
  bytes: number;
  latency: Histogram;
  /** Operations ended in each whole second of the window. */
  perSecond: number[];
}

export async function runClosedLoop(workers: LoopWorker[], durationSeconds: number, signal?: AbortSignal): Promise<LoopMeasurement> {
  await Promise.all(workers.map((worker) => worker.warmUp?.()));
  const latency = createMicrosHistogram();
  const measured: Omit<LoopMeasurement, 'durationSeconds'> = {
    startedAtEpochMs: Date.now(),
    operations: 0,
    statuses: {},
    transportErrors: 0,
    timeouts: 0,
    backends: {},
    bytes: 0,
    latency,
    perSecond: Array.from({ length: Math.ceil(durationSeconds) }, () => 0),
  };
  const started = performance.now();
  const endAt = started + durationSeconds * 1000;
  const loop = async (worker: LoopWorker) => {
    while (performance.now() < endAt && signal?.aborted !== true) {
      const before = performance.now();
      const outcome = await worker.once();
      const after = performance.now();
      measured.operations += 1;
      measured.statuses[outcome.status] = (measured.statuses[outcome.status] ?? 0) + 1;
      if (outcome.transportError) measured.transportErrors += 1;
      if (outcome.timeout) measured.timeouts += 1;
      if (outcome.backend !== undefined) measured.backends[outcome.backend] = (measured.backends[outcome.backend] ?? 0) + 1;
      measured.bytes += outcome.bytes ?? 0;
      latency.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(1, Math.round((after - before) * 1000))));
      const second = Math.floor((after - started) / 1000);
      if (second < measured.perSecond.length) measured.perSecond[second] = (measured.perSecond[second] ?? 0) + 1;
    }
  };
  try {
    await Promise.all(workers.map(loop));
  } finally {
    for (const worker of workers) worker.close();
  }
  return { ...measured, durationSeconds: (performance.now() - started) / 1000 };
}
