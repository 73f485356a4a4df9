// Forwards one client request to an upstream pool and streams the answer back, without buffering
// either body. Uses undici's low-level dispatch handler: no intermediate streams on the hot path, and
// one exchange object per request whose methods are the handler (no closures per request).

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { ClientGoneError } from './exchange-errors.ts';
import { responseHeaderList, upstreamRequestHeaders } from './forwarded-headers.ts';
import type { ForwardedTrust } from './forwarded-trust.ts';
import { isGrpcCall, sendGrpcTrailersOnly } from './grpc-local-answer.ts';
import { hasBody } from './request-body.ts';
import { classifyUpstreamFailure, isStaleConnectionError } from './upstream-failure.ts';
import type { UpstreamEndpoint } from './upstream-pools.ts';

export interface ForwardOptions {
  /** Longest wait for the upstream's response headers. */
  headersTimeoutMs: number;
  /** Longest gap between two chunks of the upstream's response body. */
  bodyTimeoutMs: number;
  /** Clients whose own X-Forwarded-* headers are kept and extended; default nobody. */
  forwardedTrust?: ForwardedTrust;
}

export interface UpstreamTarget {
  upstream: UpstreamEndpoint;
  /** Origin-form request target (path and query) sent upstream. */
  path: string;
  /** The matched rule, named in logs. */
  ruleId: string;
  /** How the client reached the proxy, sent upstream as X-Forwarded-Proto. */
  scheme: 'http' | 'https';
  /** An absolute-form request target's authority, sent as Host instead of the client's. */
  authority?: string | undefined;
}

/**
 * Called once per request with the status the client got (0 when the exchange broke mid-response)
 * and, when the upstream is to blame, its error (the client going away is not an upstream error).
 */
export type ForwardDone = (status: number, upstreamError: Error | undefined, target: ExchangeTarget) => void;

/** What a finished exchange names in logs: its rule and the upstream endpoint it last talked to. */
export interface ExchangeTarget {
  ruleId: string;
  upstream: { name: string };
}

/** The proxy's own answer; to a gRPC call, a trailers-only response with the matching grpc-status instead. */
export function sendPlain(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (res.req !== undefined && isGrpcCall(res.req.headers)) {
    sendGrpcTrailersOnly(res, status, message);
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(message) + 1 });
  res.end(`${message}\n`);
}

/** One request's trip upstream and back; it is the undici dispatch handler. */
class ForwardExchange implements Dispatcher.DispatchHandler {
  readonly #res: ServerResponse;
  readonly #target: UpstreamTarget;
  readonly #options: Dispatcher.DispatchOptions;
  readonly #done: ForwardDone;
  // A request without a body can be resent once when a pooled keep-alive connection turns out dead.
  #retriesLeft: number;
  #finished = false;
  // HTTP/2 has no reason phrase: an h2c client's answer gets the status code alone.
  readonly #reasonPhrase: boolean;
  #controller: Dispatcher.DispatchController | undefined;

  constructor(req: IncomingMessage, res: ServerResponse, target: UpstreamTarget, forward: ForwardOptions, done: ForwardDone) {
    const withBody = hasBody(req);
    this.#res = res;
    this.#target = target;
    this.#done = done;
    this.#retriesLeft = withBody ? 0 : 1;
    this.#reasonPhrase = req.httpVersionMajor !== 2;
    this.#options = {
      path: target.path,
      method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: upstreamRequestHeaders(req.rawHeaders, req.socket.remoteAddress ?? '', target.scheme, target.authority, forward.forwardedTrust),
      body: withBody ? req : null,
      headersTimeout: forward.headersTimeoutMs,
      bodyTimeout: forward.bodyTimeoutMs,
      // Everything is streamed through; never let one slow exchange block a pipelined connection.
      blocking: true,
    };
  }

  start(): void {
    // `on`, not `once`: 'close' fires once, and `once` would allocate a bound wrapper per request.
    this.#res.on('close', () => {
      if (!this.#finished) this.#controller?.abort(new ClientGoneError());
    });
    this.#target.upstream.pool.dispatch(this.#options, this);
  }

  #finish(status: number, upstreamError?: Error): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#done(status, upstreamError, this.#target);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    this.#retriesLeft = 0;
    const res = this.#res;
    if (res.destroyed) {
      controller.abort(new ClientGoneError());
      return;
    }
    try {
      // A flat list goes straight to Node's header writer, with no object to copy or delete from.
      const list = responseHeaderList(headers);
      if (statusMessage && this.#reasonPhrase) res.writeHead(statusCode, statusMessage, list);
      else res.writeHead(statusCode, list);
    } catch (error) {
      // Node refuses headers it cannot send (invalid characters): the upstream answer is unusable.
      controller.abort(error as Error);
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.#res.write(chunk)) {
      controller.pause();
      this.#res.once('drain', () => controller.resume());
    }
  }

  onResponseEnd(): void {
    this.#res.end();
    this.#finish(this.#res.statusCode);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    const res = this.#res;
    if (error instanceof ClientGoneError || res.destroyed) {
      this.#finish(0);
      return;
    }
    if (!res.headersSent && this.#retriesLeft > 0 && isStaleConnectionError(error)) {
      this.#retriesLeft -= 1;
      this.#target.upstream.pool.dispatch(this.#options, this);
      return;
    }
    if (res.headersSent) {
      // The status line is gone; the only honest signal left is a broken connection.
      res.destroy(error);
      this.#finish(0, error);
      return;
    }
    const failure = classifyUpstreamFailure(error, this.#target.upstream.name);
    sendPlain(res, failure.status, failure.message);
    this.#finish(failure.status, error);
  }
}

export function forwardRequest(req: IncomingMessage, res: ServerResponse, target: UpstreamTarget, options: ForwardOptions, done: ForwardDone): void {
  new ForwardExchange(req, res, target, options, done).start();
}
