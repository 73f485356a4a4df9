// One HTTP/1.1 request to a host endpoint, with a bounded timeout, and the echo backend's JSON parsed when
// the body is one. Redirects are never followed. Transport failures reject with ProbeError (code
// GAUNTLET_PROBE_FAILED).
//
//   sendRequest(target: ProbeTarget, request: ProbeRequest, options?: { timeoutMs? }): Promise<ProbeResponse>
//   ProbeResponse = { status, headers, body, echo?: EchoedRequest, elapsedMs }
import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import type { TlsSessionInfo } from './tls/open-tls-session.ts';

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeRequest {
  method?: string;
  path: string;
  /** Sent as the Host header; absent: host:port of the target. */
  host?: string;
  headers?: Record<string, string>;
  /** Sent as is, with its Content-Length. */
  body?: string;
}

/** What the echo backend reports about the request it received (upstream echo-basic's fields). */
export interface EchoedRequest {
  path: string;
  host: string;
  method: string;
  proto: string;
  /** Header name -> values, as the backend saw them. */
  headers: Record<string, string[]>;
  namespace: string;
  ingress: string;
  service: string;
  pod: string;
  /** Present when the backend was reached over TLS: the SNI it saw and the client's certificates (PEM, leaf first). */
  tls?: { serverName: string; peerCertificates: string[] };
}

/**
 * Response header name (lower case) -> values. A probe keeps each field line apart, as upstream's Go client
 * does (Node's `headers` would join repeats with ", " and drop repeats of some names).
 */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface ProbeResponse {
  status: number;
  headers: ResponseHeaders;
  body: string;
  echo?: EchoedRequest;
  /** From sending the request to the end of the response body. */
  elapsedMs: number;
  /** Over TLS: what the handshake settled. */
  tls?: TlsSessionInfo;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;
/** Body bytes kept of a response; the rest is read and dropped. */
export const MAX_PROBE_BODY_BYTES = 1024 * 1024;

export class ProbeError extends Error {
  readonly code = 'GAUNTLET_PROBE_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProbeError';
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function headerLists(value: unknown): Record<string, string[]> {
  if (typeof value !== 'object' || value === null) return {};
  const headers: Record<string, string[]> = {};
  for (const [name, item] of Object.entries(value)) {
    if (Array.isArray(item)) headers[name] = item.map(String);
    else if (item !== undefined && item !== null) headers[name] = [String(item)];
  }
  return headers;
}

/** Parses an echo backend body; anything else (a proxy's 404 page, HTML, ...) gives undefined. */
export function parseEchoBody(body: string): EchoedRequest | undefined {
  if (!body.trimStart().startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('pod' in parsed || 'path' in parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const tls = typeof record.tls === 'object' && record.tls !== null ? (record.tls as Record<string, unknown>) : undefined;
  return {
    ...(tls ? { tls: { serverName: text(tls.serverName), peerCertificates: Array.isArray(tls.peerCertificates) ? tls.peerCertificates.map(String) : [] } } : {}),
    path: text(record.path),
    host: text(record.host),
    method: text(record.method),
    proto: text(record.proto),
    headers: headerLists(record.headers),
    namespace: text(record.namespace),
    ingress: text(record.ingress),
    service: text(record.service),
    pod: text(record.pod),
  };
}

/** A finished response, its body parsed as the echo's when it is one; `started` is when the request was sent. */
export function probeResponse(status: number, headers: ResponseHeaders, chunks: Buffer[], started: number): ProbeResponse {
  const body = Buffer.concat(chunks).toString('utf8');
  const echo = parseEchoBody(body);
  const result: ProbeResponse = { status, headers, body, elapsedMs: performance.now() - started };
  if (echo) result.echo = echo;
  return result;
}

export function collectResponse(response: IncomingMessage, where: string, started: number, resolve: (value: ProbeResponse) => void, reject: (error: Error) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_PROBE_BODY_BYTES) chunks.push(chunk);
  });
  response.on('error', (error) => reject(new ProbeError(`${where}: response failed: ${error.message}`, { cause: error })));
  response.on('end', () => resolve(probeResponse(response.statusCode ?? 0, response.headersDistinct, chunks, started)));
}

export function sendRequest(target: ProbeTarget, request: ProbeRequest, options: { timeoutMs?: number } = {}): Promise<ProbeResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const method = request.method ?? 'GET';
  const where = `${method} http://${request.host ?? `${target.host}:${target.port}`}${request.path} via ${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.host !== undefined) headers.host = request.host;
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const started = performance.now();
    let outgoing: ClientRequest;
    try {
      // A fresh connection per probe: each request is routed on its own, as a new client's would be.
      outgoing = httpRequest({ host: target.host, port: target.port, method, path: request.path, headers, agent: false, timeout: timeoutMs }, (response) =>
        collectResponse(response, where, started, resolve, reject),
      );
    } catch (error) {
      // Node throws synchronously on an invalid method, path or header value.
      reject(new ProbeError(`${where}: invalid request: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      return;
    }
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no response within ${timeoutMs} ms`)));
    outgoing.on('error', (error) => reject(new ProbeError(`${where}: ${error.message}`, { cause: error })));
    outgoing.end(request.body);
  });
}
