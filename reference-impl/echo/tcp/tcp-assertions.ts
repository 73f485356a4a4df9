// What the TCP echo answers to `TEST`: one JSON line with the pod context, the ports, whether the connection
// is TLS and what TLS negotiated, in the field names and order of upstream's TCPAssertions.

import type { TLSSocket } from 'node:tls';
import type { EchoContext } from '../echo-answer.ts';

export interface TcpTlsAssertions {
  /** Go's tls.VersionName: "TLS 1.3" (a space, unlike the HTTP echo's "TLSv1.3"). */
  version: string;
  serverName: string;
  negotiatedProtocol?: string;
  /** The key exchange group, e.g. "X25519". */
  curves?: string;
  cipherSuite: string;
}

export interface TcpAssertions {
  namespace: string;
  ingress: string;
  service: string;
  pod: string;
  tcpport: string;
  tlsport?: string;
  isTLS: boolean;
  tls?: TcpTlsAssertions;
}

export function tcpAssertions(context: EchoContext, ports: { tcp: number; tls: number }, socket: TLSSocket | undefined): TcpAssertions {
  const assertions: TcpAssertions = {
    namespace: context.namespace,
    ingress: context.ingress,
    service: context.service,
    pod: context.pod,
    tcpport: String(ports.tcp),
    tlsport: String(ports.tls),
    isTLS: socket !== undefined,
  };
  if (socket !== undefined) assertions.tls = tlsAssertions(socket);
  return assertions;
}

function tlsAssertions(socket: TLSSocket): TcpTlsAssertions {
  const alpn = socket.alpnProtocol;
  const group = socket.getEphemeralKeyInfo();
  const curve = group && 'name' in group && typeof group.name === 'string' ? group.name : '';
  return {
    version: (socket.getProtocol() ?? '').replace(/^TLSv/, 'TLS '),
    serverName: typeof socket.servername === 'string' ? socket.servername : '',
    ...(typeof alpn === 'string' && alpn !== '' ? { negotiatedProtocol: alpn } : {}),
    ...(curve !== '' ? { curves: curve } : {}),
    cipherSuite: socket.getCipher()?.standardName ?? '',
  };
}
