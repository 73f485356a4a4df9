// One listening port. The server reads `router` on every request, so swapping the router is replacing
// one reference: requests already dispatched keep the rule objects they started with. On an HTTP port each
// new connection goes to the HTTP/1.1 server or, when it opens with the HTTP/2 preface, to the h2c server;
// on an HTTPS port (a TLS termination set) it is secured first and goes where ALPN says (tls-handshakes.ts); on
// a port with TLS listeners (an SNI dispatch set) its ClientHello decides first (tls-stream-port.ts); on a TCP
// port (a TCP listener set) it is forwarded as a byte stream, unread (tcp-stream-port.ts).

import type { Server as HttpServer } from 'node:http';
import type { Http2Server, Http2Session } from 'node:http2';
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { StreamListenerIR } from '../../ir/gateway-ir.ts';
import { listenOn } from '../../net/listen-on.ts';
import { routeByPreface } from '../../net/route-by-preface.ts';
import type { Router } from '../router/compile-router.ts';
import { type ClientLimits, DEFAULT_CLIENT_LIMITS } from './client-limits.ts';
import { createH2cListenerServer, createHttp1Server, type PortHandlers } from './client-servers.ts';
import type { SniDispatch } from './sni-dispatch.ts';
import { TcpStreamPort } from './tcp-stream-port.ts';
import { createTlsHandshakes, type TlsHandshakes } from './tls-handshakes.ts';
import { type TlsStreamOptions, TlsStreamPort } from './tls-stream-port.ts';
import type { TlsTermination } from './tls-termination.ts';

export type { PortHandlers } from './client-servers.ts';

export class ProxyListenError extends Error {
  readonly code = 'PROXY_LISTEN_FAILED';
  readonly port: number;
  constructor(host: string, port: number, cause: unknown) {
    super(`cannot listen on ${host}:${port} (${String(cause)}); free the port or change the Gateway listener's port`);
    this.name = 'ProxyListenError';
    this.port = port;
  }
}

/** A TLS listener's handshake must be done within this long unless the proxy says otherwise. */
const FIRST_BYTES_TIMEOUT_MS = DEFAULT_CLIENT_LIMITS.idleTimeoutMs;

/** For ports with TLS listeners, when the proxy gives no options of its own. */
const DEFAULT_STREAM_OPTIONS: TlsStreamOptions = { connectTimeoutMs: 5000, handshakeTimeoutMs: FIRST_BYTES_TIMEOUT_MS, random: Math.random };

export class PortServer {
  readonly port: number;
  router: Router;
  readonly #listener: Server;
  readonly #http1: HttpServer;
  readonly #h2c: Http2Server;
  readonly #host: string;
  readonly #reusePort: boolean;
  /** Every open client connection (HTTP/1.1, h2c, WebSocket tunnels, not yet identified): cut at the drain deadline. */
  readonly #sockets = new Set<Socket>();
  readonly #h2cSessions = new Set<Http2Session>();
  readonly #tls: TlsHandshakes;
  /** Set: the port is HTTPS and every new connection is secured with it first. */
  #termination: TlsTermination | undefined;
  readonly #streams: TlsStreamPort;
  /** Set: the port has TLS listeners and every new connection goes where its SNI says first. */
  #dispatch: SniDispatch | undefined;
  readonly #tcp: TcpStreamPort;
  #binding: Promise<void> | undefined;

  /**
   * `reusePort`: share the port with other proxy processes (SO_REUSEPORT). `streams`: how TLS listeners reach backends.
   * `limits`: timeouts and the connection cap for clients.
   */
  constructor(
    host: string,
    port: number,
    router: Router,
    handlers: PortHandlers,
    reusePort = false,
    streams: TlsStreamOptions = DEFAULT_STREAM_OPTIONS,
    limits: ClientLimits = DEFAULT_CLIENT_LIMITS,
  ) {
    this.#host = host;
    this.#reusePort = reusePort;
    this.port = port;
    this.router = router;
    const currentRouter = (): Router => this.router;
    this.#http1 = createHttp1Server(handlers, currentRouter, limits);
    this.#h2c = createH2cListenerServer(handlers, currentRouter, this.#h2cSessions, limits);
    const routes = {
      http1: (socket: Duplex) => this.#http1.emit('connection', socket),
      h2c: (socket: Duplex) => this.#h2c.emit('connection', socket),
    };
    // HTTP/2 over TLS is the same HTTP/2 server: a session on a socket whose ALPN said h2.
    this.#tls = createTlsHandshakes({ http1: routes.http1, h2: routes.h2c }, limits.idleTimeoutMs);
    this.#streams = new TlsStreamPort((socket) => this.#tls.accept(socket), streams);
    this.#tcp = new TcpStreamPort(streams);
    this.#listener = createServer({ noDelay: true }, (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
      if (this.#tcp.listener) this.#tcp.accept(socket);
      else if (this.#dispatch) this.#streams.accept(socket);
      else if (this.#termination) this.#tls.accept(socket);
      else routeByPreface(socket, routes, limits.idleTimeoutMs);
    });
    // Beyond the cap Node closes new connections as they are accepted: no file descriptor is held for them.
    this.#listener.maxConnections = limits.maxConnections;
  }

  /** The TLS termination new connections get (undefined: cleartext HTTP); established connections keep theirs. */
  set termination(termination: TlsTermination | undefined) {
    this.#termination = termination;
    if (termination) this.#tls.use(termination);
  }

  /** The SNI dispatch of a port with TLS listeners (undefined: none); established connections keep their destination. */
  set dispatch(dispatch: SniDispatch | undefined) {
    this.#dispatch = dispatch;
    this.#streams.dispatch = dispatch;
  }

  /** The TCP listener of a TCP port (undefined: the port is not TCP); established connections keep their backend. */
  set tcp(listener: StreamListenerIR | undefined) {
    this.#tcp.listener = listener;
  }

  get bound(): boolean {
    return this.#listener.listening;
  }

  /** Binds the port; may be called again after a failure (EADDRINUSE while a predecessor drains). */
  listen(): Promise<void> {
    if (this.#listener.listening) return Promise.resolve();
    // A background retry and a reconcile may ask at the same time: share one attempt.
    this.#binding ??= this.#bind().finally(() => {
      this.#binding = undefined;
    });
    return this.#binding;
  }

  #bind(): Promise<void> {
    return listenOn(this.#listener, this.port, this.#host, { reusePort: this.#reusePort }).then(
      () => undefined,
      (error: unknown) => {
        throw new ProxyListenError(this.#host, this.port, error);
      },
    );
  }

  /**
   * Stops accepting connections, lets in-flight requests finish (closing each HTTP/1.1 connection once
   * idle, asking HTTP/2 clients to go away), and after `drainTimeoutMs` cuts whatever is left.
   */
  close(drainTimeoutMs: number): Promise<void> {
    const listener = this.#listener;
    if (!listener.listening) return Promise.resolve();
    const http1 = this.#http1;
    return new Promise((resolve) => {
      const sweep = setInterval(() => http1.closeIdleConnections(), 50);
      const deadline = setTimeout(() => {
        for (const socket of this.#sockets) socket.destroy();
      }, drainTimeoutMs);
      listener.close(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        // Stops the HTTP/1.1 server's connection checks; it never listened, so its callback reports that.
        http1.close(() => {});
        resolve();
      });
      http1.closeIdleConnections();
      for (const session of this.#h2cSessions) session.close();
    });
  }
}
