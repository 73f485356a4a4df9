// The load runs the HTTP/1.1 engine cannot send: gRPC unary calls (grpc-js channels) and TCP connections (to
// the TCP echo), each a closed loop on this thread (closed-loop.ts) for the run's duration, into the one
// results model. Measured through whatever target is given: the gateway's listener in a scenario.
import type { GrpcCallSpec } from '../../traffic/grpc/grpc-echo-call.ts';
import type { LoadResult } from '../load-result.ts';
import { runClosedLoop } from './closed-loop.ts';
import { grpcLoadWorkers } from './run-grpc-load.ts';
import { tcpLoadWorkers } from './run-tcp-load.ts';
import { resultOfLoop } from './stream-load-result.ts';

export type LoadStream = { protocol: 'grpc'; call: GrpcCallSpec } | { protocol: 'tcp'; pings: number };

export interface StreamLoadOptions {
  name?: string;
  target: { host: string; port: number };
  stream: LoadStream;
  durationSeconds: number;
  connections: number;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export async function runStreamLoad(options: StreamLoadOptions): Promise<LoadResult> {
  const timeoutMs = (options.timeoutSeconds ?? 10) * 1000;
  const { stream, target, connections } = options;
  const workers = stream.protocol === 'grpc' ? grpcLoadWorkers(target, stream.call, connections, timeoutMs) : tcpLoadWorkers(target, { pings: stream.pings, timeoutMs }, connections);
  const measured = await runClosedLoop(workers, options.durationSeconds, options.signal);
  return resultOfLoop(measured, { ...(options.name === undefined ? {} : { name: options.name }), protocol: stream.protocol, target, connections });
}
