// The echo backend: answers every request with a JSON description of what it received, in the same
// shape as the upstream Gateway API conformance server (echo-basic), so upstream expectations apply.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOn } from '../net/listen-on.ts';
import { requestedResponseHeaders } from './echo-set-header.ts';
import { goCanonicalHeaderName } from './go-canonical-header-name.ts';
import { parseGoDurationMs } from './go-duration.ts';

/** Where this echo server runs; reported in every answer. */
export interface EchoContext {
  namespace: string;
  ingress: string;
  service: string;
  pod: string;
}

export interface EchoServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  context: EchoContext;
}

export interface EchoServer {
  port: number;
  close(): Promise<void>;
}

/** Field order and names follow the upstream server's JSON. */
export interface EchoAnswer extends EchoContext {
  path: string;
  host: string;
  method: string;
  proto: string;
  headers: Record<string, string[]>;
  sni: string;
}

const STATUS_PATH = /^\/status\/(\d\d\d)$/;
// Go's net/http takes these out of the header map; the echo mirrors that.
const NOT_ECHOED = new Set(['host', 'transfer-encoding']);

export function startEchoServer(options: EchoServerOptions): Promise<EchoServer> {
  const server = createServer((req, res) => {
    handle(req, res, options.context);
  });
  return listenOn(server, options.port, options.host).then((port) => ({ port, close: () => closeServer(server) }));
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would hold close() open forever.
    server.closeIdleConnections();
  });
}

function handle(req: IncomingMessage, res: ServerResponse, context: EchoContext): void {
  const rawUrl = req.url ?? '/';
  // Upstream collapses '//' before routing, so '//health' is the health endpoint too.
  const routingPath = (rawUrl.split('?', 1)[0] ?? '/').replaceAll('//', '/');
  if (routingPath === '/health') {
    res.writeHead(200).end('OK');
    return;
  }
  if (routingPath.startsWith('/status/')) {
    const code = STATUS_PATH.exec(rawUrl)?.[1];
    res.writeHead(code === undefined ? 400 : Number(code)).end();
    return;
  }
  const delay = new URL(rawUrl, 'http://echo.invalid').searchParams.get('delay');
  if (delay === null || delay === '') {
    answer(req, res, context);
    return;
  }
  let delayMs: number;
  try {
    delayMs = parseGoDurationMs(delay);
  } catch (error) {
    sendError(res, 500, (error as Error).message);
    return;
  }
  setTimeout(() => answer(req, res, context), Math.max(0, delayMs));
}

function answer(req: IncomingMessage, res: ServerResponse, context: EchoContext): void {
  const body: EchoAnswer = {
    path: req.url ?? '/',
    host: req.headers.host ?? '',
    method: req.method ?? 'GET',
    proto: `HTTP/${req.httpVersion}`,
    headers: canonicalHeaders(req),
    namespace: context.namespace,
    ingress: context.ingress,
    service: context.service,
    pod: context.pod,
    sni: '',
  };
  if (res.destroyed) return;
  for (const [name, value] of requestedResponseHeaders(req.headersDistinct['x-echo-set-header'] ?? [])) {
    try {
      res.setHeader(name, value);
    } catch {
      // A name or value Node refuses to send is dropped rather than failing the whole answer.
    }
  }
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(goStyleJson(body));
  // The request body is not echoed; drain it so the connection stays reusable.
  req.resume();
}

function canonicalHeaders(req: IncomingMessage): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  // Sorted like Go's JSON encoding of a map.
  for (const name of Object.keys(req.headersDistinct).sort()) {
    if (NOT_ECHOED.has(name)) continue;
    const values = req.headersDistinct[name];
    if (values === undefined) continue;
    const key = goCanonicalHeaderName(name);
    out[key] = [...(out[key] ?? []), ...values];
  }
  return out;
}

function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' });
  res.end(goStyleJson({ message }));
}

/** Go's json.MarshalIndent(v, "", " "): one-space indent, HTML-sensitive characters escaped. */
function goStyleJson(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/[<>&\u2028\u2029]/g, (ch) => {
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
