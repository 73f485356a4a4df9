// TLS to a backend under a BackendTLSPolicy: the SNI and trust the IR's `tls` gives (its CA certificates, else
// Node's well-known CAs), the Gateway's client certificate when it has one, and the identity check the
// specification asks for: the certificate must carry one of the policy's subjectAltNames when it lists some
// (DNS names matched as TLS clients match host names, URIs exactly), else the policy's hostname. A handshake that
// fails any of this is a BackendTlsError, answered 502 like any upstream failure before a response.

import { createHash } from 'node:crypto';
import { type ConnectionOptions, checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { BackendTlsIR, TlsCertificateIR } from '../../ir/gateway-ir.ts';

export class BackendTlsError extends Error {
  readonly code = 'PROXY_BACKEND_TLS';
  constructor(upstream: string, cause: Error) {
    super(`TLS to ${upstream} failed: ${cause.message}`, { cause });
    this.name = 'BackendTlsError';
  }
}

/** What one TLS connection to a backend needs: the backend's policy and the Gateway's client certificate. */
export interface BackendTlsSettings {
  tls: BackendTlsIR;
  clientCertificate: TlsCertificateIR | undefined;
}

/** Options for tls.connect (host and port apart); ALPN offers HTTP/1.1 only, which is what is spoken over it. */
export function backendTlsOptions({ tls, clientCertificate }: BackendTlsSettings): ConnectionOptions {
  return {
    servername: tls.serverName,
    ...(tls.caCertificates === undefined ? {} : { ca: tls.caCertificates }),
    ...(clientCertificate === undefined ? {} : { cert: clientCertificate.certificateChain, key: clientCertificate.privateKey }),
    rejectUnauthorized: true,
    ALPNProtocols: ['http/1.1'],
    checkServerIdentity: (_host, certificate) => identityProblem(tls, certificate),
  };
}

/** Undefined when the certificate is the one the policy names. */
export function identityProblem(tls: BackendTlsIR, certificate: PeerCertificate): Error | undefined {
  const wanted = tls.subjectAltNames;
  if (wanted === undefined || wanted.length === 0) return checkServerIdentity(tls.serverName, certificate);
  const uris = uriAltNames(certificate.subjectaltname ?? '');
  const matched = wanted.some((san) => (san.type === 'URI' ? uris.includes(san.value) : checkServerIdentity(san.value, certificate) === undefined));
  if (matched) return undefined;
  const names = wanted.map((san) => `${san.type} ${san.value}`).join(', ');
  return new Error(`the certificate's subjectAltNames (${certificate.subjectaltname ?? 'none'}) match none of the policy's (${names})`);
}

/** `URI:` entries of Node's subjectaltname text (an entry with a comma or quote is JSON-quoted there). */
function uriAltNames(subjectAltName: string): string[] {
  const entries = subjectAltName.match(/(?:[A-Za-z ]+):(?:"(?:[^"\\]|\\.)*"|[^,]*)/g) ?? [];
  return entries
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('URI:'))
    .map((entry) => {
      const value = entry.slice('URI:'.length);
      return value.startsWith('"') ? (JSON.parse(value) as string) : value;
    });
}

/** A short key telling TLS settings apart, so connections made under one are never reused under another. */
export function backendTlsKey({ tls, clientCertificate }: BackendTlsSettings): string {
  const settings = JSON.stringify([tls.serverName, tls.caCertificates ?? 'system', tls.subjectAltNames ?? [], clientCertificate?.certificateChain ?? '']);
  return createHash('sha256').update(settings).digest('base64url').slice(0, 16);
}
