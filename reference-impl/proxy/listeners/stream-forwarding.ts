// Carries one client connection of a TLS listener to a backend as a byte stream: a weighted choice among the
// route's backends (a backend that did not resolve keeps its share: that share of connections is refused), an
// endpoint of the chosen one in turn, a TCP connection to it, then bytes both ways until either side closes.
// Bytes the client already sent (a passthrough ClientHello, put back on the socket) go first.

import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { StreamBackendIR, StreamServiceBackendIR } from '../../ir/gateway-ir.ts';
import { pickWeighted, type RandomSource } from '../backend/choose-backend.ts';

export type StreamEndpointChoice = { endpoint: { address: string; port: number }; backend: string } | { refused: string };

/** Round-robin positions per backend; keyed by the IR object, so a new IR version starts afresh. */
export type EndpointCounters = WeakMap<StreamServiceBackendIR, number>;

export function chooseStreamEndpoint(backends: readonly StreamBackendIR[], random: RandomSource, counters: EndpointCounters): StreamEndpointChoice {
  const backend = pickWeighted(backends, random);
  if (backend === undefined) return { refused: 'the route has no backend with a positive weight' };
  if (backend.kind === 'invalid') return { refused: `invalid backend ${backend.name}: ${backend.reason}` };
  const index = counters.get(backend) ?? 0;
  const endpoint = backend.endpoints[index % Math.max(backend.endpoints.length, 1)];
  if (endpoint === undefined) return { refused: `no ready endpoint for backend ${backend.name}` };
  counters.set(backend, index + 1);
  return { endpoint, backend: backend.name };
}

class StreamConnectTimeoutError extends Error {
  readonly code = 'PROXY_STREAM_CONNECT_TIMEOUT';
  constructor(upstream: string, timeoutMs: number) {
    super(`connection to ${upstream} not established within ${timeoutMs} ms`);
    this.name = 'StreamConnectTimeoutError';
  }
}

/** `done` is called once: with the upstream error when the backend could not be reached (the client is then closed). */
export function forwardStream(client: Duplex, endpoint: { address: string; port: number }, connectTimeoutMs: number, done: (error?: Error) => void): void {
  // Half-open: the backend's FIN reaches the client while the client may still send, and the other way round.
  const upstream: Socket = connect({ host: endpoint.address, port: endpoint.port, noDelay: true, allowHalfOpen: true });
  let settled = false;
  const settle = (error?: Error): void => {
    if (settled) return;
    settled = true;
    done(error);
  };
  const closeBoth = (): void => {
    client.destroy();
    upstream.destroy();
  };
  upstream.setTimeout(connectTimeoutMs, () => upstream.destroy(new StreamConnectTimeoutError(`${endpoint.address}:${endpoint.port}`, connectTimeoutMs)));
  upstream.once('connect', () => {
    upstream.setTimeout(0);
    settle();
  });
  upstream.on('error', (error) => {
    settle(error);
    closeBoth();
  });
  client.on('error', closeBoth);
  client.once('close', closeBoth);
  upstream.once('close', closeBoth);
  client.pipe(upstream);
  upstream.pipe(client);
}
