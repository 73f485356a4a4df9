// A gRPC or TCP closed-loop measurement in the one results model (load-result.ts): an operation (a call, a
// connection) counts as a request; statuses are gRPC status names (or the TCP outcome), and anything else than
// OK counts as non-2xx, transport failures as errors. TCP runs add bytesPerSecond.
import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { summarizeLatency } from '../latency-summary.ts';
import type { LoadResult } from '../load-result.ts';
import type { LoopMeasurement } from './closed-loop.ts';

export interface StreamResultContext {
  name?: string;
  protocol: 'grpc' | 'tcp';
  target: { host: string; port: number };
  connections: number;
}

export function resultOfLoop(measured: LoopMeasurement, context: StreamResultContext): LoadResult {
  const notOk = Object.entries(measured.statuses).reduce((sum, [status, count]) => sum + (status === 'OK' ? 0 : count), 0);
  const result: LoadResult = {
    ...(context.name === undefined ? {} : { name: context.name }),
    engine: 'gauntlet',
    model: 'closed',
    protocol: context.protocol,
    target: context.target,
    startedAt: new Date(measured.startedAtEpochMs).toISOString(),
    durationSeconds: measured.durationSeconds,
    connections: context.connections,
    requests: { total: measured.operations, perSecond: measured.operations / measured.durationSeconds },
    non2xx: notOk - measured.transportErrors,
    errors: measured.transportErrors,
    timeouts: measured.timeouts,
    statuses: measured.statuses,
    latency: summarizeLatency(measured.latency),
    latencyHistogram: encodeIntoCompressedBase64(measured.latency),
    requestsPerSecondSeries: measured.perSecond,
    backends: measured.backends,
    unattributed: 0,
  };
  if (context.protocol === 'tcp') result.bytesPerSecond = measured.bytes / measured.durationSeconds;
  return result;
}
