// Attempts over HTTP/1.1 (over TLS for a backend with `tls`): undici's dispatch on the endpoint's keep-alive
// pool, the same client the plain path uses, adapted to the AttemptListener interface.

import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { responseHeaderList } from './forwarded-headers.ts';
import type { Attempt, AttemptListener, AttemptRequest, UpstreamTransport } from './upstream-attempt.ts';
import type { UpstreamPools } from './upstream-pools.ts';

class Http1Attempt implements Attempt, Dispatcher.DispatchHandler {
  readonly #listener: AttemptListener;
  #controller: Dispatcher.DispatchController | undefined;
  #pendingAbort: Error | undefined;
  #ended = false;

  constructor(listener: AttemptListener) {
    this.#listener = listener;
  }

  abort(error: Error): void {
    if (this.#ended) return;
    if (this.#controller === undefined) {
      // Not started yet (queued in the pool): abort as soon as undici hands us the controller.
      this.#pendingAbort = error;
      return;
    }
    this.#controller.abort(error);
  }

  resume(): void {
    this.#controller?.resume();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#pendingAbort !== undefined) controller.abort(this.#pendingAbort);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    if (controller.aborted) return;
    this.#listener.onStart(statusCode, responseHeaderList(headers), statusMessage || undefined);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.#listener.onData(chunk)) controller.pause();
  }

  onResponseEnd(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#listener.onEnd();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#listener.onError(error);
  }
}

export function http1Transport(pools: UpstreamPools): UpstreamTransport {
  return {
    start(endpoint, request: AttemptRequest, listener, tls) {
      const attempt = new Http1Attempt(listener);
      pools.forEndpoint(endpoint, tls).pool.dispatch(
        {
          path: request.target,
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
          headersTimeout: request.headersTimeoutMs,
          bodyTimeout: request.bodyTimeoutMs,
          blocking: true,
        },
        attempt,
      );
      return attempt;
    },
  };
}
