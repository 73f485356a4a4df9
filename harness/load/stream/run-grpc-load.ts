// gRPC unary calls per second through a gateway: each of `connections` workers keeps one grpc-js channel (one
// HTTP/2 connection) and makes Echo calls back to back on it, so the gateway's HTTP/2 path (client side, h2c to
// the backend, trailers) is what is measured. A call is a success when it ends OK with the echo's account,
// which names the backend that answered. Each channel makes one call before the window opens: connecting
// 16 channels at once is not what the window should time.
import { type GrpcCallSpec, openGrpcEchoChannel } from '../../traffic/grpc/grpc-echo-call.ts';
import { GRPC_STATUS_NAMES } from '../../traffic/grpc/grpc-status-names.ts';
import type { LoopWorker } from './closed-loop.ts';

/** grpc-js's DEADLINE_EXCEEDED and UNAVAILABLE: no answer came back, a transport failure rather than an answer. */
const TRANSPORT_CODES = new Set([4, 14]);

export function grpcLoadWorkers(target: { host: string; port: number }, call: GrpcCallSpec, count: number, timeoutMs: number): LoopWorker[] {
  return Array.from({ length: count }, () => {
    const channel = openGrpcEchoChannel(target, call);
    return {
      // Connects the channel: a failure here shows again in the window, where it counts.
      warmUp: async () => {
        await channel.call(timeoutMs);
      },
      async once() {
        const outcome = await channel.call(timeoutMs);
        const status = GRPC_STATUS_NAMES[outcome.code] ?? String(outcome.code);
        if (outcome.code !== 0) return { status, ok: false, transportError: TRANSPORT_CODES.has(outcome.code), timeout: outcome.code === 4 };
        return { status, ok: outcome.echo !== undefined, ...(outcome.echo ? { backend: outcome.echo.service || outcome.echo.pod } : {}) };
      },
      close: () => channel.close(),
    };
  });
}
