// One log entry per request the echo answers, written by the entry point as one JSON line on stdout
// (`"msg":"request"`). The harness reads these lines through the pods/log API to tell which backends
// received a mirrored copy of a request, so an entry carries the request as the backend saw it and the
// pod it ran in.

import type { EchoContext, EchoRequest } from './echo-answer.ts';
import { echoedHeaders, requestHost } from './echo-answer.ts';

/** Which of the echo's listeners took the request. */
export type EchoListener = 'http' | 'h2c' | 'https' | 'grpc' | 'grpc-tls';

export interface RequestLogEntry {
  listener: EchoListener;
  method: string;
  /** The request target as received, query included (for gRPC, the fully qualified method). */
  path: string;
  host: string;
  proto: string;
  headers: Record<string, string[]>;
  /** The client's address and port, as `address:port`. */
  client: string;
  namespace: string;
  pod: string;
  service: string;
  /**
   * The text line upstream's echo-basic prints for the same request (HTTP) or call (gRPC). Upstream's mirror check matches it
   * with a regular expression over whole log lines, so carrying it lets that check read our logs too.
   */
  echoBasicLine: string;
}

/** Receives one entry per answered request; the entry point logs it. */
export type RequestLogger = (entry: RequestLogEntry) => void;

export function requestLogEntry(req: EchoRequest, listener: EchoListener, context: EchoContext): RequestLogEntry {
  const path = req.url ?? '/';
  const client = clientAddress(req);
  return {
    listener,
    method: req.method ?? 'GET',
    path,
    host: requestHost(req),
    proto: `HTTP/${req.httpVersion}`,
    headers: echoedHeaders(req.rawHeaders),
    client,
    namespace: context.namespace,
    pod: context.pod,
    service: context.service,
    echoBasicLine: `Echoing back request made to ${path} to client (${client})`,
  };
}

function clientAddress(req: EchoRequest): string {
  const address = req.socket?.remoteAddress ?? '';
  const port = req.socket?.remotePort ?? 0;
  // Go prints IPv6 peers in brackets.
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
