// Attempts over HTTP/2 (h2c, or h2 over TLS for a backend with `tls`): one stream of the endpoint's pooled session per request. Headers are
// translated from HTTP/1.1: names lower-cased, Host becomes :authority, connection-specific headers
// (already removed as hop-by-hop, plus HTTP2-Settings) never sent; the answer's pseudo-headers are
// dropped and repeated headers stay repeated; trailers (a gRPC call's grpc-status) are passed on.

import { type ClientHttp2Stream, constants, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import type { Readable } from 'node:stream';
import type { H2cSessions } from './h2c-sessions.ts';
import type { Attempt, AttemptListener, AttemptRequest, UpstreamTransport } from './upstream-attempt.ts';

class H2cStreamResetError extends Error {
  readonly code = 'PROXY_H2C_STREAM_RESET';
  constructor(rstCode: number) {
    super(`h2c stream closed by the upstream before the answer was complete (RST_STREAM code ${rstCode})`);
    this.name = 'H2cStreamResetError';
  }
}

class H2cStreamTimeoutError extends Error {
  readonly code = 'PROXY_H2C_STREAM_TIMEOUT';
  constructor(limitMs: number) {
    super(`h2c stream got nothing from the upstream for ${limitMs} ms`);
    this.name = 'H2cStreamTimeoutError';
  }
}

/** HTTP/1.1 request headers -> HTTP/2 request headers (with pseudo-headers). */
function h2RequestHeaders(request: Pick<AttemptRequest, 'method' | 'target' | 'headers'>, scheme: 'http' | 'https'): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { ':method': request.method, ':path': request.target, ':scheme': scheme };
  const { headers } = request;
  for (let i = 0; i < headers.length; i += 2) {
    const name = (headers[i] ?? '').toLowerCase();
    const value = headers[i + 1] ?? '';
    if (name === 'host') {
      out[':authority'] ??= value;
      continue;
    }
    if (name === 'http2-settings') continue;
    // TE is hop-by-hop and dropped on the way in; a gRPC call carries `te: trailers`, which HTTP/2 allows.
    if (name === 'content-type' && /^application\/grpc(?:[+;]|$)/i.test(value)) out.te = 'trailers';
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else out[name] = Array.isArray(existing) ? [...existing, value] : [String(existing), value];
  }
  return out;
}

/** HTTP/2 response headers -> flat HTTP/1.1 list, pseudo-headers left out. */
function h2ResponseHeaderList(headers: IncomingHttpHeaders): string[] {
  const out: string[] = [];
  for (const name in headers) {
    if (name.startsWith(':')) continue;
    const value = headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) out.push(name, item);
    else out.push(name, String(value));
  }
  return out;
}

/** A canceled pending stream carries the session's real failure (ECONNREFUSED, ...) as its cause. */
function underlying(error: Error): Error {
  const cause = (error as { cause?: unknown }).cause;
  return (error as { code?: string }).code === 'ERR_HTTP2_STREAM_CANCEL' && cause instanceof Error ? cause : error;
}

class H2cAttempt implements Attempt {
  readonly #listener: AttemptListener;
  readonly #stream: ClientHttp2Stream;
  #ended = false;

  constructor(stream: ClientHttp2Stream, listener: AttemptListener) {
    this.#stream = stream;
    this.#listener = listener;
    stream.on('response', (headers) => {
      if (!this.#ended) listener.onStart(Number(headers[':status']), h2ResponseHeaderList(headers), undefined);
    });
    stream.on('data', (chunk: Buffer) => {
      if (!this.#ended && !listener.onData(chunk)) stream.pause();
    });
    // gRPC ends every call with trailers (grpc-status): they must reach the client before the end.
    stream.on('trailers', (trailers) => {
      if (!this.#ended) listener.onTrailers?.(h2ResponseHeaderList(trailers));
    });
    stream.on('end', () => this.#end(undefined));
    stream.on('error', (error: Error) => this.#end(underlying(error)));
    stream.on('close', () => this.#end(new H2cStreamResetError(stream.rstCode ?? constants.NGHTTP2_INTERNAL_ERROR)));
  }

  #end(error: Error | undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error === undefined) this.#listener.onEnd();
    else this.#listener.onError(error);
  }

  abort(error: Error): void {
    this.#stream.destroy(error);
  }

  resume(): void {
    this.#stream.resume();
  }
}

class FailedAttempt implements Attempt {
  abort(): void {}
  resume(): void {}
}

export function h2cTransport(sessions: H2cSessions): UpstreamTransport {
  return {
    start(endpoint, request, listener, tls) {
      let stream: ClientHttp2Stream;
      try {
        stream = sessions.get(endpoint, tls).request(h2RequestHeaders(request, tls === undefined ? 'http' : 'https'), { endStream: request.body === null });
      } catch (error) {
        // A session closing under us: report like any other failure, asynchronously like them.
        queueMicrotask(() => listener.onError(error as Error));
        return new FailedAttempt();
      }
      const limit = Math.max(request.headersTimeoutMs, request.bodyTimeoutMs);
      if (limit > 0) stream.setTimeout(limit, () => stream.destroy(new H2cStreamTimeoutError(limit)));
      const attempt = new H2cAttempt(stream, listener);
      if (Buffer.isBuffer(request.body)) stream.end(request.body);
      else if (request.body !== null) (request.body as Readable).pipe(stream);
      return attempt;
    },
  };
}
