// Forwards one client request of the plain path to its endpoint's HTTP/1.1 client and streams the answer back,
// without buffering either body: interim 1xx answers, the head, the body with backpressure and chunked
// trailers go to the client as they come. One exchange object per request is the attempt's listener. A request
// without a body is resent once by the client when a kept-alive connection turns out dead (http1-client/).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClientGoneError } from './exchange-errors.ts';
import { upstreamRequestHeaders } from './forwarded-headers.ts';
import type { ForwardedTrust } from './forwarded-trust.ts';
import { isGrpcCall, sendGrpcTrailersOnly } from './grpc-local-answer.ts';
import { hasBody } from './request-body.ts';
import { trailerRecord } from './trailer-record.ts';
import type { Attempt, AttemptListener } from './upstream-attempt.ts';
import { classifyUpstreamFailure } from './upstream-failure.ts';
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
  /** The IR backend chosen (metrics by route and backend). */
  backend?: { name: string };
  /** performance.now() when the request arrived (the latency histogram). */
  startedAt?: number;
}

/**
 * Called once per request with the status the client got (0 when the exchange broke mid-response)
 * and, when the upstream is to blame, its error (the client going away is not an upstream error).
 */
export type ForwardDone = (status: number, upstreamError: Error | undefined, target: ExchangeTarget) => void;

/** What a finished exchange names in logs and metrics: its rule, the upstream endpoint it last talked to, its backend and start. */
export interface ExchangeTarget {
  ruleId: string;
  upstream: { name: string };
  backend?: { name: string };
  startedAt?: number;
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

/** One request's trip upstream and back: the listener of its attempt on the endpoint's HTTP/1.1 client. */
class ForwardExchange implements AttemptListener {
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #target: UpstreamTarget;
  readonly #done: ForwardDone;
  #attempt: Attempt | undefined;
  #finished = false;
  #onDrain: (() => void) | undefined;

  constructor(req: IncomingMessage, res: ServerResponse, target: UpstreamTarget, done: ForwardDone) {
    this.#req = req;
    this.#res = res;
    this.#target = target;
    this.#done = done;
  }

  start(forward: ForwardOptions): void {
    const req = this.#req;
    // `on`, not `once`: 'close' fires once, and `once` would allocate a bound wrapper per request.
    this.#res.on('close', () => {
      if (!this.#finished) this.#attempt?.abort(new ClientGoneError());
    });
    const target = this.#target;
    const attempt = target.upstream.pool.request(
      {
        method: req.method ?? 'GET',
        target: target.path,
        headers: upstreamRequestHeaders(req.rawHeaders, req.socket.remoteAddress ?? '', target.scheme, target.authority, forward.forwardedTrust),
        body: hasBody(req) ? req : null,
        headersTimeoutMs: forward.headersTimeoutMs,
        bodyTimeoutMs: forward.bodyTimeoutMs,
      },
      this,
    );
    if (!this.#finished) this.#attempt = attempt;
  }

  #finish(status: number, upstreamError?: Error): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#done(status, upstreamError, this.#target);
  }

  onInformational(status: number, headers: string[]): void {
    const req = this.#req;
    // HTTP/1.0 clients must not get interim answers (RFC 9110 15.2).
    if (this.#res.headersSent || (req.httpVersionMajor === 1 && req.httpVersionMinor === 0)) return;
    const res = this.#res as ServerResponse & { writeProcessing?: () => void };
    try {
      if (status === 100) res.writeContinue();
      // HTTP/2 has no 102 to send (Node's HTTP/2 response has no writeProcessing).
      else if (status === 102) res.writeProcessing?.();
      else if (status === 103) res.writeEarlyHints(earlyHints(headers));
    } catch {
      // Node refuses a Link value it cannot send: an interim answer is only a hint, the final answer follows.
    }
  }

  onStart(status: number, headers: string[], statusMessage: string | undefined): void {
    const res = this.#res;
    if (res.destroyed) {
      this.#attempt?.abort(new ClientGoneError());
      return;
    }
    try {
      // HTTP/2 has no reason phrase: an h2c client's answer gets the status code alone.
      if (statusMessage !== undefined && this.#req.httpVersionMajor !== 2) res.writeHead(status, statusMessage, headers);
      else res.writeHead(status, headers);
    } catch (error) {
      // Node refuses headers it cannot send (invalid characters): the upstream answer is unusable.
      this.#attempt?.abort(error as Error);
    }
  }

  onData(chunk: Buffer): boolean {
    if (this.#res.write(chunk)) return true;
    this.#onDrain ??= () => this.#attempt?.resume();
    this.#res.once('drain', this.#onDrain);
    return false;
  }

  onTrailers(trailers: string[]): void {
    // Sent as chunked trailers to an HTTP/1.1 client (dropped by Node for a length-delimited answer), in the final frame to HTTP/2.
    this.#res.addTrailers(trailerRecord(trailers));
  }

  onEnd(): void {
    this.#res.end();
    this.#finish(this.#res.statusCode);
  }

  onEndWith(chunk: Buffer): void {
    // One call: Node writes head and body together without the cork it schedules for a separate write().
    this.#res.end(chunk);
    this.#finish(this.#res.statusCode);
  }

  onError(error: Error): void {
    const res = this.#res;
    if (error instanceof ClientGoneError || res.destroyed) {
      this.#finish(0);
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

/** A 103's fields as writeEarlyHints takes them (repeated Link fields as a list). */
function earlyHints(headers: string[]): Record<string, string | string[]> {
  const hints: Record<string, string | string[]> = {};
  for (let i = 0; i < headers.length; i += 2) {
    const name = (headers[i] ?? '').toLowerCase();
    const value = headers[i + 1] ?? '';
    const before = hints[name];
    if (name === 'link') hints.link = before === undefined ? [value] : [...before, value];
    else hints[name] = value;
  }
  return hints;
}

export function forwardRequest(req: IncomingMessage, res: ServerResponse, target: UpstreamTarget, options: ForwardOptions, done: ForwardDone): void {
  new ForwardExchange(req, res, target, done).start(options);
}
