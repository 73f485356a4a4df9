// The proxy's own answers to gRPC calls. A gRPC client reads the outcome of a call from its grpc-status, not
// from the HTTP status: an HTTP error page (404, 503) reaches its application as a protocol error. So when the
// request is a gRPC call (content-type application/grpc...), every local answer (no route, no backend, no
// endpoint, upstream failure, timeout) is a trailers-only response: HTTP 200 and a single HEADERS frame that
// ends the stream and carries grpc-status and grpc-message. The HTTP-to-gRPC status mapping follows gRPC's
// documented one (doc/http-grpc-status-mapping.md), except that 500 maps to UNAVAILABLE: here it means a rule
// without a usable backend, which the GRPCRoute documentation asks to report as UNAVAILABLE.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';

export const GRPC_STATUS = { UNKNOWN: 2, PERMISSION_DENIED: 7, UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, UNAUTHENTICATED: 16 } as const;

/** True for a gRPC call: content-type application/grpc, optionally with a +format suffix or parameters. */
export function isGrpcCall(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  return typeof type === 'string' && /^application\/grpc(?:[+;]|$)/i.test(type);
}

/** The gRPC status a client is given for what would have been this HTTP status. */
export function grpcStatusForHttp(status: number): number {
  if (status === 400) return GRPC_STATUS.INTERNAL;
  if (status === 401) return GRPC_STATUS.UNAUTHENTICATED;
  if (status === 403) return GRPC_STATUS.PERMISSION_DENIED;
  if (status === 404) return GRPC_STATUS.UNIMPLEMENTED;
  if (status === 429 || status === 500 || status === 502 || status === 503 || status === 504) return GRPC_STATUS.UNAVAILABLE;
  return GRPC_STATUS.UNKNOWN;
}

/** grpc-message is percent-encoded (gRPC over HTTP/2): printable ASCII but % stays as is. */
export function encodeGrpcMessage(message: string): string {
  return Array.from(Buffer.from(message, 'utf8'), (byte) => (byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/**
 * Ends the call with a trailers-only response. Over HTTP/2 the stream's own respond() sends one HEADERS frame
 * with END_STREAM (the compatibility layer would add an empty DATA frame, which clients read as a broken call);
 * a gRPC call over HTTP/1.1 (not a real client) gets the same headers and an empty body.
 */
export function sendGrpcTrailersOnly(res: ServerResponse, httpStatus: number, message: string): void {
  const headers = { 'content-type': 'application/grpc', 'grpc-status': String(grpcStatusForHttp(httpStatus)), 'grpc-message': encodeGrpcMessage(message) };
  const stream = (res as unknown as Partial<Http2ServerResponse>).stream;
  if (stream !== undefined) {
    if (!stream.destroyed && !stream.headersSent) stream.respond({ ':status': 200, ...headers }, { endStream: true });
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': 0 });
  res.end();
}

/**
 * Passes on an upstream's trailers-only answer (headers carrying grpc-status, nothing after) as one HEADERS frame
 * ending the stream, when the client speaks HTTP/2. Returns false when it is not such an answer or the client is
 * not on HTTP/2: the caller then forwards it as any other answer.
 */
export function forwardTrailersOnly(res: ServerResponse, status: number, headers: string[]): boolean {
  const stream = (res as unknown as Partial<Http2ServerResponse>).stream;
  if (stream === undefined || stream.destroyed || stream.headersSent) return false;
  const record: Record<string, string | string[] | number> = { ':status': status };
  let grpcStatus = false;
  for (let i = 0; i < headers.length; i += 2) {
    const name = (headers[i] ?? '').toLowerCase();
    const value = headers[i + 1] ?? '';
    if (name === 'grpc-status') grpcStatus = true;
    const existing = record[name];
    record[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [String(existing)]), value];
  }
  if (!grpcStatus) return false;
  stream.respond(record, { endStream: true });
  return true;
}
