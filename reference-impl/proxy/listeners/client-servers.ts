// The two HTTP servers behind one listening port, neither listening itself: HTTP/1.1 (with WebSocket
// upgrades handed to the upgrade handler) and HTTP/2 with prior knowledge (h2c). Node's HTTP/2
// compatibility request and response offer every member the request path uses (url, method,
// headers, rawHeaders, socket addresses, resume; writeHead with a flat header list, write, end,
// drain, close, destroy, headersSent), so both kinds go through the same handler.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createH2cServer, type Http2Server, type Http2Session } from 'node:http2';
import type { Duplex } from 'node:stream';
import type { Router } from '../router/compile-router.ts';

export interface PortHandlers {
  request: (req: IncomingMessage, res: ServerResponse, router: Router) => void;
  /** WebSocket upgrade requests; the socket is the handler's from then on. */
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer, router: Router) => void;
}

/** Only WebSocket upgrades leave the HTTP server; any other Upgrade (h2c, ...) is an ordinary request. */
function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return req.headers.upgrade?.toLowerCase() === 'websocket';
}

export function createHttp1Server(handlers: PortHandlers, router: () => Router): Server {
  const server = createServer({ noDelay: true, keepAliveTimeout: 65_000, shouldUpgradeCallback: isWebSocketUpgrade }, (req, res) => {
    handlers.request(req, res, router());
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    handlers.upgrade(req, socket, head, router());
  });
  // A broken client connection must not take the proxy down.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  // Connections are handed over, never accepted by this server: 'listening' starts the tracking that
  // closeIdleConnections and the header/request timeouts (slow clients) rely on.
  server.emit('listening');
  return server;
}

/** `sessions` collects open HTTP/2 sessions, closed gracefully when the port closes. */
export function createH2cListenerServer(handlers: PortHandlers, router: () => Router, sessions: Set<Http2Session>): Http2Server {
  const server = createH2cServer({}, (req, res) => {
    handlers.request(req as unknown as IncomingMessage, res as unknown as ServerResponse, router());
  });
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    // An idle client session is closed like an idle HTTP/1.1 keep-alive connection.
    session.setTimeout(65_000, () => session.close());
  });
  // A client breaking the protocol loses its own session, nothing else.
  server.on('sessionError', () => {});
  return server;
}
