// One listening port. The server reads `router` on every request, so swapping the router is replacing
// one reference: requests already dispatched keep the rule objects they started with.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOn } from '../../net/listen-on.ts';
import type { Router } from '../router/compile-router.ts';

export type PortRequestHandler = (req: IncomingMessage, res: ServerResponse, router: Router) => void;

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
  #binding: Promise<void> | undefined;

  /** `reusePort`: share the port with other proxy processes (SO_REUSEPORT). */
  constructor(host: string, port: number, router: Router, handle: PortRequestHandler, reusePort = false) {
    this.#host = host;
    this.#reusePort = reusePort;
    this.port = port;
    this.router = router;
    this.#server = createServer({ noDelay: true, keepAliveTimeout: 65_000 }, (req, res) => {
      handle(req, res, this.router);
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
      const deadline = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        resolve();
      });
      server.closeIdleConnections();
    });
  }
}
