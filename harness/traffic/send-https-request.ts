// One request over a fresh TLS connection to a Gateway's HTTPS listener: the handshake as the request asks
// (SNI, by default the Host without its port and none for an address; ALPN; the CA to verify against), then
// HTTP/2 when the server chose h2 (http2-exchange.ts, as the h2c probe), else HTTP/1.1. The answer is what
// sendRequest gives (status, headers line by line, body, the echo's account) plus what the handshake settled. Transport failures reject with ProbeError.
import { request as http1Request } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { collectHttp2Response, http2RequestHeaders } from './http2-exchange.ts';
import { collectResponse, DEFAULT_PROBE_TIMEOUT_MS, ProbeError, type ProbeRequest, type ProbeResponse, type ProbeTarget } from './send-request.ts';
import { openTlsSession, type TlsSessionInfo } from './tls/open-tls-session.ts';

export interface HttpsProbeRequest extends ProbeRequest {
  /** The SNI; undefined: the Host without its port (none when that is an address); '' sends none. */
  serverName?: string;
  /** PEM CA certificates to verify the server against; undefined: not verified. */
  ca?: string;
  /** ALPN protocols offered; default http/1.1 only. */
  alpn?: readonly string[];
  /** Presented when the server asks for a client certificate; undefined: none is. */
  clientCertificate?: { certificate: string; privateKey: string };
}

export type HttpsProbeResponse = ProbeResponse & { tls: TlsSessionInfo };

export const DEFAULT_ALPN = ['http/1.1'] as const;

/** The SNI a request sends: its own, else its Host's name (an address is never an SNI, RFC 6066). */
export function serverNameOf(request: Pick<HttpsProbeRequest, 'serverName' | 'host'>): string | undefined {
  if (request.serverName !== undefined) return request.serverName === '' ? undefined : request.serverName;
  if (request.host === undefined) return undefined;
  const name = request.host.startsWith('[') ? request.host.slice(0, request.host.indexOf(']') + 1) : request.host.replace(/:\d+$/, '');
  return isIP(name.replace(/^\[|\]$/g, '')) === 0 ? name : undefined;
}

export async function sendHttpsRequest(target: ProbeTarget, request: HttpsProbeRequest, options: { timeoutMs?: number } = {}): Promise<HttpsProbeResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const method = request.method ?? 'GET';
  const authority = request.host ?? `${target.host}:${target.port}`;
  const where = `${method} https://${authority}${request.path} via ${target.host}:${target.port}`;
  const started = performance.now();
  const serverName = serverNameOf(request);
  const tlsOptions = {
    ...(serverName === undefined ? {} : { serverName }),
    ...(request.ca === undefined ? {} : { ca: request.ca }),
    ...(request.clientCertificate === undefined ? {} : { clientCertificate: request.clientCertificate }),
    alpn: request.alpn ?? DEFAULT_ALPN,
  };
  const { socket, info } = await openTlsSession(target, tlsOptions, timeoutMs).catch(
    (error: Error) => {
      throw new ProbeError(`${where}: ${error.message}`, { cause: error });
    },
  );
  const exchange = info.alpn === 'h2' ? overHttp2(socket, request, authority, where, started) : overHttp1(socket, request, where, started);
  const timer = setTimeout(() => socket.destroy(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
  try {
    return { ...(await exchange), tls: info };
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

function overHttp1(socket: TLSSocket, request: HttpsProbeRequest, where: string, started: number): Promise<ProbeResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers, connection: 'close' };
    if (request.host !== undefined) headers.host = request.host;
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = http1Request({ method: request.method ?? 'GET', path: request.path, headers, createConnection: () => socket }, (response) =>
      collectResponse(response, where, started, resolve, reject),
    );
    outgoing.on('error', (error) => reject(new ProbeError(`${where}: ${error.message}`, { cause: error })));
    outgoing.end(request.body);
  });
}

function overHttp2(socket: TLSSocket, request: HttpsProbeRequest, authority: string, where: string, started: number): Promise<ProbeResponse> {
  return new Promise((resolve, reject) => {
    const session = http2Connect(`https://${authority}`, { createConnection: () => socket });
    session.on('error', (error) => reject(new ProbeError(`${where}: ${error.message}`, { cause: error })));
    const stream = session.request(http2RequestHeaders(request, 'https', authority), { endStream: request.body === undefined });
    const done = (response: ProbeResponse): void => {
      session.close();
      resolve(response);
    };
    collectHttp2Response(stream, where, started, done, reject);
    if (request.body !== undefined) stream.end(request.body);
  });
}
