// One line naming a request, for default step names and failure messages: `GET host/path with version: one`,
// `h2c GET host/path` for an h2c: case, `GET https://host/path` (with the SNI when it is not the host's, and h2
// when offered) for an https: case, `WebSocket host/ws` for a websocket: case, or `TLS abc.example.com` (the SNI)
// for a tls: case, `TCP connection` for a tcp: case, `UDP datagram "text"` or `UDP DNS A foo.bar.com` for a udp: case,
// `gRPC Echo @bar.com` for a grpc: case.
import type { GrpcCallCaseSpec, HttpsRequestSpec, ProbeRequestSpec, SentRequest } from './scenario-types.ts';

function withHeaders(line: string, headers: Record<string, string> | undefined): string {
  const list = Object.entries(headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  return list.length > 0 ? `${line} with ${list.join(', ')}` : line;
}

export function describeRequest(request: ProbeRequestSpec): string {
  return withHeaders(`${request.method ?? 'GET'} ${request.host ?? ''}${request.path}`, request.headers);
}

function describeHttps(request: HttpsRequestSpec): string {
  const host = request.host ?? '';
  const notes = [
    ...(request.serverName !== undefined && request.serverName !== host.replace(/:\d+$/, '') ? [request.serverName === '' ? 'no SNI' : `SNI ${request.serverName}`] : []),
    ...(request.alpn.includes('h2') ? [`ALPN ${request.alpn.join(',')}`] : []),
  ];
  return withHeaders(`${request.method ?? 'GET'} https://${host}${request.path}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`, request.headers);
}

export function describeSentRequest(request: SentRequest): string {
  switch (request.protocol) {
    case 'http':
      return describeRequest(request);
    case 'h2c':
      return `h2c ${describeRequest(request)}`;
    case 'https':
      return describeHttps(request);
    case 'websocket':
      return withHeaders(`WebSocket ${request.host ?? ''}${request.path}`, request.headers);
    case 'tls':
      return `TLS ${request.serverName === undefined ? '(no SNI)' : request.serverName}${request.alpn.length > 0 ? ` (ALPN ${request.alpn.join(',')})` : ''}`;
    case 'tcp':
      return 'TCP connection';
    case 'udp':
      return 'dnsQuery' in request ? `UDP DNS ${request.dnsQuery.type} ${request.dnsQuery.name}` : `UDP datagram ${JSON.stringify(request.send)}`;
    case 'grpc':
      return describeGrpcCall(request);
  }
}

/** `gRPC Echo @bar.com with version: one` (the service when it is not the echo's, TLS when over TLS). */
export function describeGrpcCall(call: GrpcCallCaseSpec): string {
  const method = call.service === undefined ? call.method : `${call.service}/${call.method}`;
  const line = `gRPC${call.tls === undefined ? '' : ' over TLS'} ${method}${call.authority === undefined ? '' : ` @${call.authority}`}`;
  return withHeaders(line, call.metadata);
}
