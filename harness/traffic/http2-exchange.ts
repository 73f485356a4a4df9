// One request on an HTTP/2 session, as the h2c probe (cleartext, prior knowledge) and the HTTPS probe
// (h2 chosen by ALPN) both send it: lower-case header names as HTTP/2 demands, the scenario's host as
// :authority, and the answer collected as sendRequest collects an HTTP/1.1 one (each response header line
// kept apart, the body capped, the echo's JSON parsed).
import type { ClientHttp2Stream, OutgoingHttpHeaders } from 'node:http2';
import { MAX_PROBE_BODY_BYTES, ProbeError, type ProbeRequest, type ProbeResponse, probeResponse, type ResponseHeaders } from './send-request.ts';

export function http2RequestHeaders(request: ProbeRequest, scheme: 'http' | 'https', authority: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ':method': request.method ?? 'GET', ':scheme': scheme, ':authority': authority, ':path': request.path };
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

/** Reads `stream`'s answer (the HTTP/2 counterpart of collectResponse); `where` names the request in errors. */
export function collectHttp2Response(stream: ClientHttp2Stream, where: string, started: number, resolve: (value: ProbeResponse) => void, reject: (error: Error) => void): void {
  let status = 0;
  let headers: ResponseHeaders = {};
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  stream.on('response', (received, _flags, rawHeaders: string[]) => {
    status = Number(received[':status'] ?? 0);
    headers = distinctHeaders(rawHeaders);
  });
  stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_PROBE_BODY_BYTES) chunks.push(chunk);
  });
  stream.on('end', () => {
    ended = true;
    resolve(probeResponse(status, headers, chunks, started));
  });
  stream.on('error', (error) => reject(new ProbeError(`${where}: stream failed: ${error.message}`, { cause: error })));
  stream.on('close', () => {
    // A stream reset (RST_STREAM) closes without 'end' or 'error' for some codes.
    if (!ended) reject(new ProbeError(`${where}: stream closed with code ${stream.rstCode ?? 'unknown'} before the response ended`));
  });
}
