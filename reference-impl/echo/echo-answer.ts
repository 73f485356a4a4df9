// What the echo backend answers: a JSON description of the request it received, with the field names and
// order of upstream's echo-basic (the conformance suite's CapturedRequest parses it), and Go's formatting
// (canonical header names, sorted keys, one-space indent, HTML-sensitive characters escaped) so that what
// upstream expectations compare holds byte for byte.

import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import { goCanonicalHeaderName } from './go-canonical-header-name.ts';
import { type TlsAssertions, tlsAssertions } from './tls-assertions.ts';

/** Where this echo server runs; reported in every answer. */
export interface EchoContext {
  namespace: string;
  ingress: string;
  service: string;
  pod: string;
}

/** Field order and names follow the upstream server's JSON. */
export interface EchoAnswer extends EchoContext {
  path: string;
  host: string;
  method: string;
  /** "HTTP/1.1", or "HTTP/2.0" on the h2c and HTTPS listeners when the client spoke HTTP/2. */
  proto: string;
  headers: Record<string, string[]>;
  /** The HTTP listener's port, whichever listener answered (as upstream reports its HTTP_PORT). */
  httpPort: string;
  /** Present only when the request came over TLS. */
  tls?: TlsAssertions;
}

/** The listeners hand the echo either an HTTP/1 request or an HTTP/2 compatibility request. */
export type EchoRequest = IncomingMessage | Http2ServerRequest;

// Go's net/http takes these out of the header map (Host becomes r.Host); HTTP/2 pseudo-headers never enter it.
const NOT_ECHOED = new Set(['host', 'transfer-encoding']);

export function describeRequest(req: EchoRequest, httpPort: string, context: EchoContext): EchoAnswer {
  const answer: EchoAnswer = {
    path: req.url ?? '/',
    host: requestHost(req),
    method: req.method ?? 'GET',
    proto: `HTTP/${req.httpVersion}`,
    headers: echoedHeaders(req.rawHeaders),
    httpPort,
    namespace: context.namespace,
    ingress: context.ingress,
    service: context.service,
    pod: context.pod,
  };
  const tls = tlsAssertions(req.socket);
  if (tls !== undefined) answer.tls = tls;
  return answer;
}

/** Go's r.Host: the Host header on HTTP/1, :authority (else Host) on HTTP/2. */
export function requestHost(req: EchoRequest): string {
  const authority = req.headers[':authority'];
  if (typeof authority === 'string' && authority !== '') return authority;
  return req.headers.host ?? '';
}

/** Every header line as received, names canonicalised like Go, keys sorted like Go's JSON of a map. */
export function echoedHeaders(rawHeaders: readonly string[]): Record<string, string[]> {
  const byName = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    if (name.startsWith(':') || NOT_ECHOED.has(name.toLowerCase())) continue;
    const key = goCanonicalHeaderName(name);
    const values = byName.get(key) ?? [];
    values.push(rawHeaders[i + 1] ?? '');
    byName.set(key, values);
  }
  const out: Record<string, string[]> = {};
  for (const key of [...byName.keys()].sort()) out[key] = byName.get(key) ?? [];
  return out;
}

/**
 * Go's json.MarshalIndent(v, "", " ") (one-space indent), or json.Marshal with `indent` 0: HTML-sensitive
 * characters escaped either way.
 */
export function goStyleJson(value: unknown, indent = 1): string {
  return JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (ch) => {
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
