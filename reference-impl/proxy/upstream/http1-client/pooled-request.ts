// One request through a connection pool, from queued to ended: the handle its caller holds (abort, resume),
// the pool's waiter entry and the connection's current exchange, in one object. Its head is serialised once, up
// front, so a request that cannot be written fails before it takes a connection, and a resend reuses it.

import type { Attempt, AttemptListener, AttemptRequest } from '../upstream-attempt.ts';
import { errorCode } from '../upstream-failure.ts';
import type { RequestHead } from './request-head.ts';
import type { UpstreamConnection } from './upstream-connection.ts';

const QUEUED = 0;
const ACTIVE = 1;
const ENDED = 2;

// A reused connection that dies before any answer was most likely closed by the backend while idle.
const STALE_CODES = new Set(['PROXY_UPSTREAM_CLOSED', 'ECONNRESET', 'EPIPE']);

export class PooledRequest implements Attempt {
  readonly request: AttemptRequest;
  readonly listener: AttemptListener;
  readonly head: RequestHead;
  /** The body's last piece, held for onEndWith (upstream-connection.ts). */
  lastPiece: Buffer | undefined = undefined;
  #state = QUEUED;
  #connection: UpstreamConnection | undefined;
  #onReusedConnection = false;
  #resent = false;

  constructor(request: AttemptRequest, listener: AttemptListener, head: RequestHead) {
    this.request = request;
    this.listener = listener;
    this.head = head;
  }

  get waiting(): boolean {
    return this.#state === QUEUED;
  }

  attach(connection: UpstreamConnection, reused: boolean): void {
    this.#state = ACTIVE;
    this.#connection = connection;
    this.#onReusedConnection = reused;
  }

  /**
   * True (once) when the request may go again: nothing of it can have reached the application (a kept-alive
   * connection found dead before any answer) and it has no body that was already consumed.
   */
  mayResend(error: Error): boolean {
    if (this.#resent || !this.#onReusedConnection || this.request.body !== null || !STALE_CODES.has(errorCode(error))) return false;
    this.#resent = true;
    this.#state = QUEUED;
    this.#connection = undefined;
    return true;
  }

  ended(): void {
    if (this.#state === ENDED) return;
    this.#state = ENDED;
    this.#connection = undefined;
    const last = this.lastPiece;
    if (last !== undefined && this.listener.onEndWith !== undefined) {
      this.lastPiece = undefined;
      this.listener.onEndWith(last);
    } else this.listener.onEnd();
  }

  failed(error: Error): void {
    if (this.#state === ENDED) return;
    this.#state = ENDED;
    this.#connection = undefined;
    this.listener.onError(error);
  }

  abort(error: Error): void {
    if (this.#state === ENDED) return;
    if (this.#connection !== undefined) this.#connection.abort(this, error);
    // Still queued: the pool skips ended waiters.
    else this.failed(error);
  }

  resume(): void {
    this.#connection?.resumeFor(this);
  }
}
