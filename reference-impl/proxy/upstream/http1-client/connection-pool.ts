// The keep-alive connections to one cleartext HTTP/1.1 endpoint. Idle connections are reused last-in first-out
// (the warmest socket, and the cold ones age out under the backend's idle limit), connections are bounded when
// `maxConnections` is set (requests beyond wait in order), and closing lets in-flight and queued requests finish
// while refusing new ones.

import type { Attempt, AttemptListener, AttemptRequest } from '../upstream-attempt.ts';
import { PoolClosedError } from './client-errors.ts';
import { PooledRequest } from './pooled-request.ts';
import { requestHead } from './request-head.ts';
import { type ConnectionHome, UpstreamConnection } from './upstream-connection.ts';

/** An HTTP/1.1 client of one endpoint: this pool for cleartext, undici's behind undici-client.ts for TLS. */
export interface Http1Client {
  request(request: AttemptRequest, listener: AttemptListener): Attempt;
  readonly closed: boolean;
  close(): Promise<void>;
}

export interface ConnectionPoolOptions {
  connectTimeoutMs: number;
  /** Idle connections close after this long (sooner when the backend's Keep-Alive says so). */
  keepAliveTimeoutMs: number;
  /** Most connections open at once; undefined: no bound. */
  maxConnections?: number | undefined;
}

export class ConnectionPool implements Http1Client, ConnectionHome {
  readonly name: string;
  readonly connectTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly #address: string;
  readonly #port: number;
  readonly #maxConnections: number;
  readonly #idle: UpstreamConnection[] = [];
  #open = 0;
  #queue: PooledRequest[] = [];
  #closed = false;
  #whenEmpty: (() => void) | undefined;

  constructor(address: string, port: number, name: string, options: ConnectionPoolOptions) {
    this.#address = address;
    this.#port = port;
    this.name = name;
    this.connectTimeoutMs = options.connectTimeoutMs;
    this.keepAliveTimeoutMs = options.keepAliveTimeoutMs;
    this.#maxConnections = options.maxConnections ?? Number.POSITIVE_INFINITY;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Connections open now (idle or busy), and requests waiting for one: for tests and stats. */
  get counts(): { open: number; idle: number; waiting: number } {
    return { open: this.#open, idle: this.#idle.length, waiting: this.#queue.filter((r) => r.waiting).length };
  }

  request(request: AttemptRequest, listener: AttemptListener): Attempt {
    let exchange: PooledRequest;
    try {
      const body = request.body === null || Buffer.isBuffer(request.body) ? request.body : 'stream';
      exchange = new PooledRequest(request, listener, requestHead(request.method, request.target, request.headers, this.name, body));
    } catch (error) {
      listener.onError(error as Error);
      return { abort() {}, resume() {} };
    }
    if (this.#closed) exchange.failed(new PoolClosedError(this.name));
    else this.#dispatch(exchange);
    return exchange;
  }

  /** On a new connection: the idle ones may have gone stale the same way (the backend closed them all). */
  resend(exchange: PooledRequest): void {
    if (this.#open < this.#maxConnections) this.#connect(exchange);
    else this.#queue.unshift(exchange);
  }

  release(connection: UpstreamConnection): void {
    const next = this.#nextWaiting();
    if (next !== undefined) connection.assign(next);
    else if (this.#closed) connection.close();
    else this.#idle.push(connection);
  }

  gone(connection: UpstreamConnection): void {
    this.#open -= 1;
    const at = this.#idle.lastIndexOf(connection);
    if (at !== -1) this.#idle.splice(at, 1);
    const next = this.#open < this.#maxConnections ? this.#nextWaiting() : undefined;
    if (next !== undefined) this.#connect(next);
    if (this.#open === 0) this.#whenEmpty?.();
  }

  close(): Promise<void> {
    this.#closed = true;
    for (const connection of this.#idle.splice(0)) connection.close();
    if (this.#open === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#whenEmpty = resolve;
    });
  }

  #dispatch(exchange: PooledRequest): void {
    let idle = this.#idle.pop();
    while (idle !== undefined && !idle.usable) idle = this.#idle.pop();
    if (idle !== undefined) idle.assign(exchange);
    else if (this.#open < this.#maxConnections) this.#connect(exchange);
    else this.#queue.push(exchange);
  }

  #connect(exchange: PooledRequest): void {
    this.#open += 1;
    new UpstreamConnection(this, this.#address, this.#port).assign(exchange);
  }

  /** The oldest request still waiting (aborted ones are skipped). */
  #nextWaiting(): PooledRequest | undefined {
    while (this.#queue.length > 0) {
      const next = this.#queue.shift();
      if (next?.waiting) return next;
    }
    return undefined;
  }
}
