// The client request as the router sees it, built once per request without closures; the query
// string is parsed only if a rule with query matches asks for it. The path is normalized here, once
// (router/normalize-path.ts): routing, filters and the upstream all see the normalized one. Over TLS it also carries the SNI of its
// connection and the https scheme (an HTTP/2 request's socket stands for its session's TLS socket).

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { normalizePath } from './router/normalize-path.ts';
import type { RouteRequest } from './router/route-request.ts';

// Shared, never mutated: most requests carry no query string or no rule reads it.
const EMPTY_QUERY = new URLSearchParams();

export class ClientRouteRequest implements RouteRequest {
  readonly host: string;
  readonly path: string;
  readonly method: string;
  /** Origin-form request target (path and query) to send upstream. */
  readonly target: string;
  /** How the client reached the proxy: https on a TLS connection. */
  readonly scheme: 'http' | 'https';
  readonly serverName: string | undefined;
  /** An absolute-form target's authority: it wins over Host, in routing and upstream. Undefined in origin form. */
  readonly authority: string | undefined;
  readonly #headers: IncomingHttpHeaders;
  readonly #queryStart: number;
  #query: URLSearchParams | undefined;

  constructor(
    target: string,
    host: string,
    method: string,
    headers: IncomingHttpHeaders,
    socket: Partial<Pick<TLSSocket, 'encrypted' | 'servername'>> = {},
    authority: string | undefined = undefined,
  ) {
    const q = target.indexOf('?');
    this.target = target;
    this.authority = authority;
    this.scheme = socket.encrypted === true ? 'https' : 'http';
    this.serverName = typeof socket.servername === 'string' && socket.servername !== '' ? socket.servername.toLowerCase() : undefined;
    this.host = host;
    this.method = method;
    this.path = q === -1 ? target : target.slice(0, q);
    this.#queryStart = q;
    this.#headers = headers;
  }

  get query(): URLSearchParams {
    this.#query ??= this.#queryStart === -1 ? EMPTY_QUERY : new URLSearchParams(this.target.slice(this.#queryStart + 1));
    return this.#query;
  }

  headers(name: string): string | undefined {
    const value = this.#headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/** The target with its path normalized and its query as sent. */
function normalizedTarget(target: string): string {
  const q = target.indexOf('?');
  if (q === -1) return normalizePath(target);
  const path = target.slice(0, q);
  const normalized = normalizePath(path);
  return normalized === path ? target : normalized + target.slice(q);
}

/**
 * Undefined when the request target is neither origin-form (`/path`) nor a parsable absolute-form
 * http(s) URL (`*`, junk), or carries a fragment (no request target may: RFC 9112 section 3.2). Only
 * the rare absolute form pays for URL parsing.
 */
export function clientRouteRequestOf(req: IncomingMessage): ClientRouteRequest | undefined {
  const target = req.url ?? '/';
  const method = req.method ?? 'GET';
  const socket = req.socket as Partial<TLSSocket>;
  if (target.indexOf('#') !== -1) return undefined;
  // An HTTP/2 client names the host in :authority (and usually sends no Host).
  if (target.charCodeAt(0) === 47 /* '/' */) {
    return new ClientRouteRequest(normalizedTarget(target), req.headers.host ?? (req.headers[':authority'] as string | undefined) ?? '', method, req.headers, socket);
  }
  // Absolute-form request target (`GET http://host/path`): the URL's authority is the host.
  const url = URL.parse(target);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.host === '') return undefined;
  return new ClientRouteRequest(`${normalizePath(url.pathname)}${url.search}`, url.host, method, req.headers, socket, url.host);
}
