// One listening port. The server reads `router` on every request, so swapping the router is replacing
// one reference: requests already dispatched keep the rule objects they started with.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { listenOn } from '../../net/listen-on.ts';
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

export class ProxyListenError extends Error {
  readonly code = 'PROXY_LISTEN_FAILED';
  readonly port: number;
  constructor(host: string, port: number, cause: unknown) {
    super(`cannot listen on ${host}:${port} (${String(cause)}); free the port or change the Gateway listener's port`);
    this.name = 'ProxyListenError';
    this.port = port;
  }
}

export class PortServer {
  readonly port: number;
  router: Router;
  readonly #server: Server;
  readonly #host: string;
  readonly #reusePort: boolean;
  /** Upgraded connections: the HTTP server no longer tracks them, so closing must cut them itself. */
  readonly #tunnels = new Set<Duplex>();
  #binding: Promise<void> | undefined;

  /** `reusePort`: share the port with other proxy processes (SO_REUSEPORT). */
  constructor(host: string, port: number, router: Router, handlers: PortHandlers, reusePort = false) {
    this.#host = host;
    this.#reusePort = reusePort;
    this.port = port;
    this.router = router;
    this.#server = createServer({ noDelay: true, keepAliveTimeout: 65_000, shouldUpgradeCallback: isWebSocketUpgrade }, (req, res) => {
      handlers.request(req, res, this.router);
    });
    this.#server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.#tunnels.add(socket);
      socket.once('close', () => this.#tunnels.delete(socket));
      handlers.upgrade(req, socket, head, this.router);
    });
    // A broken client connection must not take the proxy down.
    this.#server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      else socket.destroy();
    });
  }

  get bound(): boolean {
    return this.#server.listening;
  }

  /** Binds the port; may be called again after a failure (EADDRINUSE while a predecessor drains). */
  listen(): Promise<void> {
    if (this.#server.listening) return Promise.resolve();
    // A background retry and a reconcile may ask at the same time: share one attempt.
    this.#binding ??= this.#bind().finally(() => {
      this.#binding = undefined;
    });
    return this.#binding;
  }

  #bind(): Promise<void> {
    return listenOn(this.#server, this.port, this.#host, { reusePort: this.#reusePort }).then(
      () => undefined,
      (error: unknown) => {
        throw new ProxyListenError(this.#host, this.port, error);
      },
    );
  }

  /**
   * Stops accepting connections, lets in-flight requests finish (closing each connection once idle),
   * and after `drainTimeoutMs` cuts whatever is left.
   */
  close(drainTimeoutMs: number): Promise<void> {
    const server = this.#server;
    if (!server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => {
        server.closeAllConnections();
        for (const tunnel of this.#tunnels) tunnel.destroy();
      }, drainTimeoutMs);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        resolve();
      });
      server.closeIdleConnections();
    });
  }
}
