// The `tls` part of an answer served over TLS, as upstream's echo reports it: protocol version, the SNI the
// client sent (what SNI-related conformance checks read), ALPN, cipher suite by its IANA name (Go's names
// are the IANA ones) and the client's certificates in PEM.

import { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

/** Field order and names follow upstream's TLSAssertions. */
export interface TlsAssertions {
  version: string;
  peerCertificates?: string[];
  serverName: string;
  negotiatedProtocol?: string;
  cipherSuite: string;
}

/** undefined for a plain-text connection. */
export function tlsAssertions(socket: Socket | null | undefined): TlsAssertions | undefined {
  if (!isTlsSocket(socket)) return undefined;
  const certificates = peerCertificatesPem(socket);
  const alpn = socket.alpnProtocol;
  // Built in upstream's field order; empty optional fields are left out, as Go's omitempty does.
  return {
    version: socket.getProtocol() ?? '',
    ...(certificates.length > 0 ? { peerCertificates: certificates } : {}),
    serverName: typeof socket.servername === 'string' ? socket.servername : '',
    ...(typeof alpn === 'string' && alpn !== '' ? { negotiatedProtocol: alpn } : {}),
    cipherSuite: socket.getCipher()?.standardName ?? '',
  };
}

function isTlsSocket(socket: Socket | null | undefined): socket is TLSSocket {
  return socket !== null && socket !== undefined && (socket as Partial<TLSSocket>).encrypted === true;
}

/** The client's chain, leaf first, each certificate once. */
function peerCertificatesPem(socket: TLSSocket): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let certificate: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (certificate?.raw !== undefined && !seen.has(certificate.fingerprint256)) {
    seen.add(certificate.fingerprint256);
    out.push(new X509Certificate(certificate.raw).toString());
    certificate = certificate.issuerCertificate;
  }
  return out;
}
