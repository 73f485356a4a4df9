// One port's TLS termination, compiled once per IR version: a secure context per certificate, and the choice
// of context for a ClientHello's SNI (the most specific listener hostname; among several certificates of
// that listener, the first whose names cover the SNI). A client sending no SNI gets the `*` listener's
// certificate; a name no listener takes gets none, and its handshake is refused. With client validation that
// requires a valid certificate, every context of the port trusts the port's client CAs (whichever context SNI
// picks verifies the client certificate against them); `clientVerification` says whether a certificate is asked
// for and whether a handshake without a valid one is refused. Pure apart from building the contexts: nothing here listens or logs
// (warnings are returned for the caller to log).

import { X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls';
import type { ClientValidationIR, PortTlsIR, TlsServerNameIR } from '../../ir/gateway-ir.ts';
import { ServerNameTable } from './server-name-table.ts';

/** ALPN protocols offered to clients, in the server's order of preference. */
export const SERVED_ALPN_PROTOCOLS = ['h2', 'http/1.1'];

export interface TlsWarning {
  listener: string;
  message: string;
}

interface ServableCertificate {
  certificate: X509Certificate;
  context: SecureContext;
  options: SecureContextOptions;
}

/** How client certificates are treated on the port: never asked for, asked for and optional, or required valid. */
export interface ClientVerification {
  requestCert: boolean;
  rejectUnauthorized: boolean;
}

const NO_CLIENT_CERTIFICATES: ClientVerification = { requestCert: false, rejectUnauthorized: false };

export interface TlsTermination {
  /** The context to finish a handshake for this SNI with; undefined: no listener serves the name. */
  contextFor(serverName: string): SecureContext | undefined;
  /** For handshakes without SNI: the `*` listener's first certificate, or none (the handshake then fails). */
  readonly noSniOptions: SecureContextOptions;
  readonly clientVerification: ClientVerification;
  readonly warnings: readonly TlsWarning[];
}

export function compileTlsTermination(tls: PortTlsIR): TlsTermination {
  const warnings: TlsWarning[] = [];
  // AllowValidOnly needs the client CAs to verify with. AllowInsecureFallback serves a client whatever its
  // certificate, and passes nothing on about it, so its CAs are left out: Node reports a certificate whose
  // signature fails against a CA of the same name as a socket error after the handshake (OpenSSL's error queue
  // is left non-empty), which would cut the very connection the mode says to serve.
  const clientCa = tls.clientValidation?.mode === 'AllowValidOnly' ? tls.clientValidation.caCertificates : undefined;
  const entries = tls.serverNames.map((serverName) => ({ hostname: serverName.hostname, value: servable(serverName, clientCa, warnings) }));
  const table = new ServerNameTable(entries);
  return {
    contextFor(serverName) {
      const name = serverName.toLowerCase();
      const certificates = table.lookup(name) ?? [];
      if (certificates.length <= 1) return certificates[0]?.context;
      return (certificates.find((candidate) => candidate.certificate.checkHost(name) !== undefined) ?? certificates[0])?.context;
    },
    // Without a `*` listener the default context serves no certificate, yet still trusts the client CAs.
    noSniOptions: table.lookup(undefined)?.[0]?.options ?? (clientCa === undefined ? {} : { ca: clientCa }),
    clientVerification: verificationOf(tls.clientValidation),
    warnings,
  };
}

function verificationOf(validation: ClientValidationIR | undefined): ClientVerification {
  if (validation === undefined) return NO_CLIENT_CERTIFICATES;
  return { requestCert: true, rejectUnauthorized: validation.mode === 'AllowValidOnly' };
}

/** The listener's certificates Node can serve; one it cannot is left out with a warning. */
function servable(serverName: TlsServerNameIR, clientCa: string | undefined, warnings: TlsWarning[]): ServableCertificate[] {
  return serverName.certificates.flatMap((certificate) => {
    try {
      const options = { cert: certificate.certificateChain, key: certificate.privateKey, ...(clientCa === undefined ? {} : { ca: clientCa }) };
      return [{ certificate: new X509Certificate(certificate.certificateChain), context: createSecureContext(options), options }];
    } catch (error) {
      warnings.push({ listener: serverName.listener, message: `certificate ${certificate.name} cannot be served (${error instanceof Error ? error.message : String(error)}); handshakes for ${serverName.hostname} do not use it` });
      return [];
    }
  });
}
