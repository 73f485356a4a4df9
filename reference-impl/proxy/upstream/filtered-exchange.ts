// The upstream exchange of a rule with timeouts, retries, mirrors, response filters or an h2c
// backend. Attempts go to the chosen backend (each retry to its next endpoint); an attempt whose
// status is a retry code is read to the end and dropped, then retried after the backoff, unless it
// was the last one: the last attempt's answer is what the client gets. Connection failures and
// backendRequest timeouts are retried the same way. The request timeout bounds everything (504 when
// no answer has started, a cut connection when one has). Retrying needs the body again: see
// request-body.ts for when it is buffered.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Endpoint } from '../backend/choose-backend.ts';
import { BackendRequestTimeoutError, ClientGoneError, RequestTimeoutError } from './exchange-errors.ts';
import { type ExchangeListener, exchangeListener } from './exchange-listener.ts';
import type { ExchangeDeps, ExchangeSpec } from './exchange-spec.ts';
import { sendPlain } from './forward-request.ts';
import { forwardTrailersOnly } from './grpc-local-answer.ts';
import { type PreparedBody, prepareBody } from './request-body.ts';
import { RetryBudget } from './retry-budget.ts';
import { sendMirror } from './send-mirror.ts';
import { trailerRecord } from './trailer-record.ts';
import { type Attempt, transportOf } from './upstream-attempt.ts';
import { classifyUpstreamFailure } from './upstream-failure.ts';
import { endpointKey } from './upstream-pools.ts';

export class FilteredExchange {
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #spec: ExchangeSpec;
  readonly #deps: ExchangeDeps;
  #body: PreparedBody | undefined;
  #attempt: Attempt | undefined;
  #listener: ExchangeListener | undefined;
  #upstreamName: string;
  readonly #budget: RetryBudget;
  #discarding = false;
  #finished = false;
  #requestTimer: NodeJS.Timeout | undefined;
  #attemptTimer: NodeJS.Timeout | undefined;
  #backoffTimer: NodeJS.Timeout | undefined;
  readonly #startedAt = performance.now();

  constructor(req: IncomingMessage, res: ServerResponse, spec: ExchangeSpec, deps: ExchangeDeps) {
    this.#req = req;
    this.#res = res;
    this.#spec = spec;
    this.#deps = deps;
    this.#upstreamName = endpointKey(spec.endpoint.address, spec.endpoint.port);
    this.#budget = new RetryBudget(spec.retry);
  }

  start(): void {
    const { requestMs, retry, mirrors } = this.#spec;
    this.#res.on('close', () => {
      if (!this.#finished) this.#finish(0, undefined, new ClientGoneError());
    });
    if (requestMs !== undefined) this.#requestTimer = setTimeout(() => this.#onRequestTimeout(requestMs), requestMs);
    const options = { replay: retry !== undefined, replayLimitBytes: this.#deps.replayLimitBytes, mirrorCount: mirrors.length, mirrorLagLimitBytes: this.#deps.mirrorLagLimitBytes };
    prepareBody(this.#req, options).then(
      (body) => {
        if (this.#finished) {
          for (const part of [body.main, ...body.mirrors]) if (part !== null && !Buffer.isBuffer(part)) part.destroy();
          return;
        }
        this.#body = body;
        mirrors.forEach((copy, i) => {
          sendMirror(copy, body.mirrors[i] ?? null, this.#spec.ruleId, this.#deps.mirror);
        });
        this.#send(this.#spec.endpoint);
      },
      // The client went away while its body was being read: nobody is left to answer.
      () => this.#finish(0),
    );
  }

  #send(endpoint: Endpoint): void {
    const { backendRequestMs, unboundedAttempts } = this.#spec;
    const { forward } = this.#deps;
    this.#upstreamName = endpointKey(endpoint.address, endpoint.port);
    // The rule's own backendRequest limit replaces the proxy's defaults for headers and body gaps.
    const ownLimit = backendRequestMs !== undefined || unboundedAttempts;
    const listener = exchangeListener(this);
    this.#listener = listener;
    const transport = this.#deps.transports[transportOf(this.#spec.backend.protocol)];
    const attempt = transport.start(
      endpoint,
      {
        method: this.#spec.method,
        target: this.#spec.target,
        headers: this.#spec.headers,
        body: this.#body?.main ?? null,
        headersTimeoutMs: ownLimit ? 0 : forward.headersTimeoutMs,
        bodyTimeoutMs: ownLimit ? 0 : forward.bodyTimeoutMs,
      },
      listener,
      this.#spec.backend.tls,
    );
    // The attempt may have failed before start() returned (undici refuses bad arguments at once), and
    // the exchange may already have moved on to a retry or an answer: then this attempt is history.
    if (!listener.attached) return;
    this.#attempt = attempt;
    if (backendRequestMs !== undefined) {
      this.#attemptTimer = setTimeout(() => attempt.abort(new BackendRequestTimeoutError(backendRequestMs)), backendRequestMs);
    }
  }

  /** Nothing sent to the client yet, and a body that can be sent again. */
  #canResend(): boolean {
    return this.#body?.replayable === true && !this.#res.headersSent;
  }

  onStart(status: number, headers: string[], statusMessage: string | undefined): void {
    if (this.#canResend() && this.#budget.retryStatus(status)) {
      // Read and drop this answer; the retry starts once it is over (the connection stays reusable).
      this.#discarding = true;
      return;
    }
    const res = this.#res;
    try {
      const list = this.#spec.decorate(headers);
      // A gRPC call refused by the backend (grpc-status in the headers, no body): one frame ends it, as it came.
      if (forwardTrailersOnly(res, status, list)) {
        this.#finish(status);
        return;
      }
      // HTTP/2 has no reason phrase: an h2c client's answer gets the status code alone.
      if (statusMessage !== undefined && this.#req.httpVersionMajor !== 2) res.writeHead(status, statusMessage, list);
      else res.writeHead(status, list);
    } catch (error) {
      // Node refuses headers it cannot send (invalid characters): the upstream answer is unusable.
      this.#attempt?.abort(error as Error);
    }
  }

  onData(chunk: Buffer): boolean {
    if (this.#discarding) return true;
    if (this.#res.write(chunk)) return true;
    const attempt = this.#attempt;
    this.#res.once('drain', () => attempt?.resume());
    return false;
  }

  onTrailers(trailers: string[]): void {
    if (this.#discarding) return;
    // Sent after the body, ending the stream (HTTP/2), or as chunked trailers (HTTP/1.1).
    this.#res.addTrailers(trailerRecord(trailers));
  }

  onEnd(): void {
    clearTimeout(this.#attemptTimer);
    if (this.#discarding) {
      this.#discarding = false;
      this.#retryLater(this.#budget.backoffMs);
      return;
    }
    this.#res.end();
    this.#finish(this.#res.statusCode);
  }

  onError(error: Error): void {
    clearTimeout(this.#attemptTimer);
    const res = this.#res;
    if (res.headersSent) {
      // The status line is gone; the only honest signal left is a broken connection.
      res.destroy(error);
      this.#finish(0, error);
      return;
    }
    // A retryable answer that broke while being dropped was already counted as a failed attempt.
    const decision = this.#discarding ? 'backoff' : this.#canResend() ? this.#budget.afterError(error) : 'none';
    this.#discarding = false;
    if (decision !== 'none') {
      this.#retryLater(decision === 'backoff' ? this.#budget.backoffMs : 0);
      return;
    }
    const failure = classifyUpstreamFailure(error, this.#upstreamName);
    sendPlain(res, failure.status, failure.message);
    this.#finish(failure.status, error);
  }

  #retryLater(backoffMs: number): void {
    this.#listener?.detach();
    const next = (): void => {
      const choice = this.#deps.chooser.endpointOf(this.#spec.backend);
      if (choice.kind === 'error') {
        sendPlain(this.#res, choice.status, `${choice.reason} (rule ${this.#spec.ruleId}, retry)`);
        this.#finish(choice.status);
        return;
      }
      this.#send(choice.endpoint);
    };
    // Even without a backoff, a retry starts from a fresh stack.
    this.#backoffTimer = setTimeout(next, backoffMs);
  }

  #onRequestTimeout(requestMs: number): void {
    if (this.#finished) return;
    const error = new RequestTimeoutError(this.#spec.ruleId, requestMs);
    if (this.#res.headersSent) {
      this.#res.destroy(error);
      this.#finish(0, error, error);
      return;
    }
    sendPlain(this.#res, 504, error.message);
    this.#finish(504, error, error);
  }

  /** `abortWith`: stop the attempt in flight (its events are ignored from now on). */
  #finish(status: number, upstreamError?: Error, abortWith?: Error): void {
    if (this.#finished) return;
    this.#finished = true;
    clearTimeout(this.#requestTimer);
    clearTimeout(this.#attemptTimer);
    clearTimeout(this.#backoffTimer);
    this.#listener?.detach();
    if (abortWith !== undefined) this.#attempt?.abort(abortWith);
    this.#deps.done(status, upstreamError, { ruleId: this.#spec.ruleId, upstream: { name: this.#upstreamName }, backend: this.#spec.backend, startedAt: this.#startedAt });
  }
}
