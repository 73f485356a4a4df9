// WebSocket echo on `/ws`, as upstream's echo serves it for the HTTPRouteBackendProtocolWebSocket test:
// every message comes back as it was sent, text as text and binary as binary. Node has no WebSocket
// server of its own, so the `ws` package speaks the protocol.

import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EchoContext } from './echo-answer.ts';
import { type EchoListener, type RequestLogger, requestLogEntry } from './request-log.ts';
import { routingPath } from './routing-path.ts';

export const WEBSOCKET_PATH = '/ws';
const CLOSE_GRACE_MS = 1000;

export interface WebSocketEcho {
  /** Closes every open WebSocket (1001 going away). */
  close(): void;
}

export interface WebSocketEchoOptions {
  context: EchoContext;
  listener: EchoListener;
  onRequest?: RequestLogger | undefined;
}

/** Serves WebSocket echo on an HTTP(S) server for upgrade requests to /ws (its shouldUpgradeCallback picks them). */
export function attachWebSocketEcho(server: EventEmitter, options: WebSocketEchoOptions): WebSocketEcho {
  const sockets = new WebSocketServer({ noServer: true });
  sockets.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
    // A client that vanishes mid-frame must not take the process down.
    socket.on('error', () => socket.terminate());
  });
  server.on('upgrade', (req: IncomingMessage, stream: Duplex, head: Buffer) => {
    if (!isWebSocketEchoRequest(req)) {
      // Only reached on a Node without shouldUpgradeCallback, which hands every Upgrade request here.
      stream.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    options.onRequest?.(requestLogEntry(req, options.listener, options.context));
    sockets.handleUpgrade(req, stream, head, (socket) => sockets.emit('connection', socket, req));
  });
  return {
    close: () => {
      for (const client of sockets.clients) {
        client.close(1001);
        // A peer that never answers the close frame must not hold the server open.
        setTimeout(() => client.terminate(), CLOSE_GRACE_MS).unref();
      }
      sockets.close();
    },
  };
}

/** An Upgrade: websocket request for /ws (doubled slashes collapsed, query ignored, as upstream routes). */
export function isWebSocketEchoRequest(req: IncomingMessage): boolean {
  return req.headers.upgrade?.toLowerCase() === 'websocket' && routingPath(req.url) === WEBSOCKET_PATH;
}
