// A deliberate slowdown: every request waits a fixed time before it is routed. Only the `slow-proxy`
// deviation of the controller (ADDED_LATENCY_MS on the proxies it provisions) turns it on, so that
// `gauntlet compare` can be shown a regression that is really the proxy's. Zero, the default, adds nothing
// to the request path: the handler is returned as it is.
//
//   withAddedLatency(handler, ms): RequestHandler
import type { RequestHandler } from './handle-request.ts';

export class AddedLatencyError extends Error {
  readonly code = 'PROXY_ADDED_LATENCY';
  constructor(value: string) {
    super(`ADDED_LATENCY_MS "${value}" is not a whole number of milliseconds from 0 to 10000; leave it unset for none`);
    this.name = 'AddedLatencyError';
  }
}

export function addedLatencyOf(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > 10_000) throw new AddedLatencyError(value);
  return ms;
}

export function withAddedLatency(handler: RequestHandler, ms: number): RequestHandler {
  if (ms <= 0) return handler;
  return (req, res, router) => {
    setTimeout(handler, ms, req, res, router);
  };
}
