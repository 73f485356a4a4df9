// The HTTP/1.1 client of a backend spoken to over TLS (a BackendTLSPolicy): undici's Pool with our TLS
// connector behind the same Http1Client interface as the cleartext pool. TLS stays on undici because the TLS
// records, not the client, are the cost there, and its connector already carries the backend's TLS settings.
// Like the cleartext pool, it resends a bodyless request once when a kept-alive connection turns out dead.

import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher, Pool } from 'undici';
import { responseHeaderList } from '../forwarded-headers.ts';
import type { Attempt, AttemptListener, AttemptRequest } from '../upstream-attempt.ts';
import { isStaleConnectionError } from '../upstream-failure.ts';
import type { Http1Client } from './connection-pool.ts';

class UndiciAttempt implements Attempt, Dispatcher.DispatchHandler {
  readonly #listener: AttemptListener;
  readonly #pool: Pool;
  readonly #options: Dispatcher.DispatchOptions;
  #controller: Dispatcher.DispatchController | undefined;
  #pendingAbort: Error | undefined;
  #started = false;
  #resendsLeft: number;
  #ended = false;

  constructor(pool: Pool, request: AttemptRequest, listener: AttemptListener) {
    this.#pool = pool;
    this.#listener = listener;
    this.#resendsLeft = request.body === null ? 1 : 0;
    this.#options = {
      path: request.target,
      method: request.method as Dispatcher.HttpMethod,
      headers: request.headers,
      body: request.body,
      headersTimeout: request.headersTimeoutMs,
      bodyTimeout: request.bodyTimeoutMs,
      // Everything is streamed through; never let one slow exchange block a pipelined connection.
      blocking: true,
    };
  }

  start(): this {
    this.#pool.dispatch(this.#options, this);
    return this;
  }

  abort(error: Error): void {
    if (this.#ended) return;
    // Not started yet (queued in the pool): abort as soon as undici hands over the controller.
    if (this.#controller === undefined) this.#pendingAbort = error;
    else this.#controller.abort(error);
  }

  resume(): void {
    this.#controller?.resume();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#pendingAbort !== undefined) controller.abort(this.#pendingAbort);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    this.#started = true;
    if (controller.aborted) return;
    this.#listener.onStart(statusCode, responseHeaderList(headers), statusMessage || undefined);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.#listener.onData(chunk)) controller.pause();
  }

  onResponseEnd(_controller: Dispatcher.DispatchController, trailers: IncomingHttpHeaders): void {
    if (this.#ended) return;
    this.#ended = true;
    const list = responseHeaderList(trailers);
    if (list.length > 0) this.#listener.onTrailers?.(list);
    this.#listener.onEnd();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#ended) return;
    if (!this.#started && this.#resendsLeft > 0 && this.#pendingAbort === undefined && isStaleConnectionError(error)) {
      this.#resendsLeft -= 1;
      this.#controller = undefined;
      this.#pool.dispatch(this.#options, this);
      return;
    }
    this.#ended = true;
    this.#listener.onError(error);
  }
}

export class UndiciClient implements Http1Client {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  get closed(): boolean {
    return this.#pool.closed || this.#pool.destroyed;
  }

  request(request: AttemptRequest, listener: AttemptListener): Attempt {
    return new UndiciAttempt(this.#pool, request, listener).start();
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
