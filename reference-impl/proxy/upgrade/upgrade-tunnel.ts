// Carries one WebSocket upgrade to an upstream endpoint over a fresh HTTP/1.1 connection (over TLS for a
// backend under a BackendTLSPolicy). A 101
// answer is passed to the client and the two sockets are then piped both ways until either side
// closes; any other answer (a 4xx from the backend, say) is passed through as it is and the
// connection closed. Until the upstream answers, the rule's timeouts apply (504 when they expire).

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type BackendTlsSettings, backendTlsOptions } from '../upstream/backend-tls.ts';
import { responseHeaderList } from '../upstream/forwarded-headers.ts';
import { classifyUpstreamFailure } from '../upstream/upstream-failure.ts';
import { endpointKey } from '../upstream/upstream-pools.ts';
import { rawHead, writeRawAnswer } from './raw-answer.ts';

export interface TunnelSpec {
  endpoint: { address: string; port: number };
  /** Set: the connection is made over TLS with these settings (the backend's BackendTLSPolicy). */
  tls: BackendTlsSettings | undefined;
  method: string;
  target: string;
  /** Upstream request headers without hop-by-hop ones; the upgrade headers are added here. */
  headers: string[];
  /** The client's Upgrade header value (e.g. `websocket`). */
  upgrade: string;
  /** Bytes the client sent after its request head. */
  head: Buffer;
  /** Response side of the rule's and backend's filters. */
  decorate: (headers: string[]) => string[];
  /** Longest wait for the upstream's answer (the rule's timeouts, else the proxy's headers timeout). */
  answerTimeoutMs: number;
  connectTimeoutMs: number;
}

/** `status`: what the client got (101 for a tunnel), 0 if it went away; `error` when the upstream failed. */
export type TunnelDone = (status: number, error: Error | undefined, upstream: string) => void;

class UpgradeConnectTimeoutError extends Error {
  readonly code = 'UND_ERR_CONNECT_TIMEOUT';
  constructor(upstream: string, timeoutMs: number) {
    super(`connection to ${upstream} not established within ${timeoutMs} ms`);
    this.name = 'UpgradeConnectTimeoutError';
  }
}

class UpgradeAnswerTimeoutError extends Error {
  readonly code = 'PROXY_BACKEND_REQUEST_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`upgrade not answered by the upstream within ${timeoutMs} ms (the rule's timeouts)`);
    this.name = 'UpgradeAnswerTimeoutError';
  }
}

function pipeBothWays(client: Duplex, upstream: Socket): void {
  const closeBoth = (): void => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', closeBoth);
  upstream.on('error', closeBoth);
  client.on('close', closeBoth);
  upstream.on('close', closeBoth);
  client.pipe(upstream);
  upstream.pipe(client);
}

export function openUpgradeTunnel(client: Duplex, spec: TunnelSpec, done: TunnelDone): void {
  const name = endpointKey(spec.endpoint.address, spec.endpoint.port);
  let answered = false;
  const requestOptions = {
    host: spec.endpoint.address,
    port: spec.endpoint.port,
    method: spec.method,
    path: spec.target,
    headers: [...spec.headers, 'connection', 'Upgrade', 'upgrade', spec.upgrade],
    agent: false as const,
  };
  const upstreamRequest = spec.tls === undefined ? httpRequest(requestOptions) : httpsRequest({ ...requestOptions, ...backendTlsOptions(spec.tls) });
  const answerTimer = setTimeout(() => upstreamRequest.destroy(new UpgradeAnswerTimeoutError(spec.answerTimeoutMs)), spec.answerTimeoutMs);
  const settle = (): void => {
    answered = true;
    clearTimeout(answerTimer);
  };
  // The client leaving before the answer: nothing left to do upstream.
  const onClientGone = (): void => {
    if (answered) return;
    settle();
    upstreamRequest.destroy();
    done(0, undefined, name);
  };
  client.once('close', onClientGone);
  client.on('error', () => client.destroy());

  upstreamRequest.once('socket', (socket: Socket) => {
    socket.setTimeout(spec.connectTimeoutMs, () => upstreamRequest.destroy(new UpgradeConnectTimeoutError(name, spec.connectTimeoutMs)));
    // Over TLS the connection counts as made once the handshake (with the backend's verification) is done.
    socket.once(spec.tls === undefined ? 'connect' : 'secureConnect', () => socket.setTimeout(0));
  });
  upstreamRequest.once('upgrade', (answer: IncomingMessage, upstream: Socket, upstreamHead: Buffer) => {
    settle();
    client.off('close', onClientGone);
    // The 101's Upgrade, Connection and Sec-WebSocket-* headers all belong to the client: kept as they are.
    client.write(rawHead(101, answer.statusMessage, spec.decorate(answer.rawHeaders.slice())));
    if (upstreamHead.length > 0) client.write(upstreamHead);
    if (spec.head.length > 0) upstream.write(spec.head);
    pipeBothWays(client, upstream);
    done(101, undefined, name);
  });
  upstreamRequest.once('response', (answer: IncomingMessage) => {
    settle();
    client.off('close', onClientGone);
    const status = answer.statusCode ?? 502;
    // Not upgraded: pass the answer through; its body ends with the connection.
    client.write(rawHead(status, answer.statusMessage, [...spec.decorate(responseHeaderList(answer.headers)), 'connection', 'close']));
    answer.pipe(client);
    answer.once('error', () => client.destroy());
    // This connection was opened for the upgrade alone: done with it once the answer is through.
    answer.once('end', () => upstreamRequest.destroy());
    done(status, undefined, name);
  });
  upstreamRequest.once('error', (error: Error) => {
    if (answered) return;
    settle();
    client.off('close', onClientGone);
    const failure = classifyUpstreamFailure(error, name);
    writeRawAnswer(client, failure.status, [], failure.message);
    done(failure.status, error, name);
  });
  upstreamRequest.end();
}
