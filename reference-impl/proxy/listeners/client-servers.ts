// The two HTTP servers behind one listening port, neither listening itself: HTTP/1.1 (with WebSocket
// upgrades handed to the upgrade handler) and HTTP/2 with prior knowledge (h2c). Node's HTTP/2
// compatibility request and response offer every member the request path uses (url, method,
// headers, rawHeaders, socket addresses, resume; writeHead with a flat header list, write, end,
// drain, close, destroy, headersSent), so both kinds go through the same handler.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createH2cServer, type Http2Server, type Http2Session } from 'node:http2';
import type { Duplex } from 'node:stream';
import type { Router } from '../router/compile-router.ts';
import { clientErrorAnswer, clientErrorStatus } from './client-error-answer.ts';
import { type ClientLimits, connectionsCheckingIntervalMs } from './client-limits.ts';
import { http1RequestRefusal, MAX_REQUEST_HEADERS } from './http1-request-checks.ts';

export interface PortHandlers {
  request: (req: IncomingMessage, res: ServerResponse, router: Router) => void;
  /** WebSocket upgrade requests; the socket is the handler's from then on. */
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer, router: Router) => void;
}

/** Only WebSocket upgrades leave the HTTP server; any other Upgrade (h2c, ...) is an ordinary request. */
function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return req.headers.upgrade?.toLowerCase() === 'websocket';
}

export function createHttp1Server(handlers: PortHandlers, router: () => Router, limits: ClientLimits): Server {
  const options = {
    noDelay: true,
    keepAliveTimeout: limits.idleTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: connectionsCheckingIntervalMs(limits),
    shouldUpgradeCallback: isWebSocketUpgrade,
  };
  const server = createServer(options, (req, res) => {
    // A request pipelined behind a refused one is not served: the refused one's framing put it there.
    if ((req.socket as RefusableSocket)[REFUSED] === true) {
      res.destroy();
      return;
    }
    const refusal = http1RequestRefusal(req);
    if (refusal === undefined) handlers.request(req, res, router());
    else refuse(req, res, refusal.status, refusal.message);
  });
  // One more than the limit: http1RequestRefusal sees that the limit was passed, Node keeps no more.
  server.maxHeadersCount = MAX_REQUEST_HEADERS + 1;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = http1RequestRefusal(req);
    if (refusal === undefined) handlers.upgrade(req, socket, head, router());
    else socket.end(clientErrorAnswer(refusal.status));
  });
  // A proxy for CONNECT tunnels this is not; without this listener Node would drop the socket unanswered.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.end(clientErrorAnswer(501));
  });
  // A broken client connection must not take the proxy down.
  server.on('clientError', (error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => {
    // A request refused above already has its answer on the way; the parser choking on its body adds none.
    if ((socket as RefusableSocket)[REFUSED] === true) socket.end();
    else if (socket.writable) socket.end(clientErrorAnswer(clientErrorStatus(error)));
    else socket.destroy();
  });
  // Connections are handed over, never accepted by this server: 'listening' starts the tracking that
  // closeIdleConnections and the header/request timeouts (slow clients) rely on.
  server.emit('listening');
  return server;
}

/** Marks a connection whose request was refused; read per request, set only on those (rare) connections. */
const REFUSED = Symbol('refused');
type RefusableSocket = Duplex & { [REFUSED]?: boolean };

/** Answers a refused request and closes its connection: its framing cannot be trusted. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  (req.socket as RefusableSocket)[REFUSED] = true;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(message) + 1, connection: 'close' });
  res.end(`${message}\n`);
}

/** `sessions` collects open HTTP/2 sessions, closed gracefully when the port closes. */
export function createH2cListenerServer(handlers: PortHandlers, router: () => Router, sessions: Set<Http2Session>, limits: ClientLimits): Http2Server {
  const server = createH2cServer({}, (req, res) => {
    handlers.request(req as unknown as IncomingMessage, res as unknown as ServerResponse, router());
  });
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    // An idle client session is closed like an idle HTTP/1.1 keep-alive connection.
    session.setTimeout(limits.idleTimeoutMs, () => session.close());
  });
  // A client breaking the protocol loses its own session, nothing else.
  server.on('sessionError', () => {});
  return server;
}
