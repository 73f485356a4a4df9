// One HTTP/2 request with prior knowledge over cleartext (h2c) to a host endpoint: the client side of
// upstream's HTTPRouteBackendProtocolH2C test, which a gateway must accept beside HTTP/1.1 and carry to an h2c
// backend. Same contract as sendRequest (send-request.ts): a fresh connection per probe, a bounded time, the
// echo's JSON parsed, transport failures rejected with ProbeError. The scenario's `host` becomes :authority.
//
//   sendH2cRequest(target: ProbeTarget, request: ProbeRequest, options?: { timeoutMs? }): Promise<ProbeResponse>
import { type ClientHttp2Stream, connect, type OutgoingHttpHeaders } from 'node:http2';
import { DEFAULT_PROBE_TIMEOUT_MS, MAX_PROBE_BODY_BYTES, ProbeError, type ProbeRequest, type ProbeResponse, type ProbeTarget, probeResponse, type ResponseHeaders } from './send-request.ts';

function requestHeaders(request: ProbeRequest, authority: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ':method': request.method ?? 'GET', ':scheme': 'http', ':authority': authority, ':path': request.path };
  // HTTP/2 header names are lowercase on the wire; node:http2 refuses uppercase ones.
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  return headers;
}

/**
 * The response's header field lines, each kept apart as sendRequest keeps them (headersDistinct), without the
 * pseudo-headers (:status): from the raw list, since node:http2's parsed headers join repeats with ", ".
 */
function distinctHeaders(rawHeaders: readonly string[]): ResponseHeaders {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    if (!name.startsWith(':')) headers[name] = [...(headers[name] ?? []), rawHeaders[i + 1] ?? ''];
  }
  return headers;
}

export function sendH2cRequest(target: ProbeTarget, request: ProbeRequest, options: { timeoutMs?: number } = {}): Promise<ProbeResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const authority = request.host ?? `${target.host}:${target.port}`;
  const where = `${request.method ?? 'GET'} h2c://${authority}${request.path} via ${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // A fresh session per probe: each request is routed on its own, as a new client's would be.
    const session = connect(`http://${target.host}:${target.port}`);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.destroy();
      outcome();
    };
    const fail = (message: string, cause?: unknown) => settle(() => reject(new ProbeError(`${where}: ${message}`, { cause })));
    const timer = setTimeout(() => fail(`no response within ${timeoutMs} ms`), timeoutMs);
    session.on('error', (error) => fail(error.message, error));
    let stream: ClientHttp2Stream;
    try {
      stream = session.request(requestHeaders(request, authority), { endStream: request.body === undefined });
    } catch (error) {
      // node:http2 throws synchronously on a header HTTP/2 forbids (Connection, Upgrade, ...) or an invalid value.
      fail(`invalid request: ${error instanceof Error ? error.message : String(error)}`, error);
      return;
    }
    let status = 0;
    let headers: ResponseHeaders = {};
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('response', (received, _flags, rawHeaders: string[]) => {
      status = Number(received[':status'] ?? 0);
      headers = distinctHeaders(rawHeaders);
    });
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PROBE_BODY_BYTES) chunks.push(chunk);
    });
    stream.on('end', () => settle(() => resolve(probeResponse(status, headers, chunks, started))));
    stream.on('error', (error) => fail(`stream failed: ${error.message}`, error));
    stream.on('close', () => {
      // A stream reset (RST_STREAM) closes without 'end' or 'error' for some codes.
      if (!settled) fail(`stream closed with code ${stream.rstCode ?? 'unknown'} before the response ended`);
    });
    if (request.body !== undefined) stream.end(request.body);
  });
}
