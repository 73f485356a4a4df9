// Opens a TLS connection to a Gateway listener as a client would: the SNI to send (or none), the ALPN
// protocols to offer, the CA to verify the server's certificate against (chain by OpenSSL, host name as
// Go checks it: server-identity.ts), and the client certificate to present when the server asks for one.
// Without a CA the certificate is taken unverified. Resolves once the handshake is done, with what was
// negotiated; a refused handshake or an unverifiable certificate rejects.
import { connect, type TLSSocket } from 'node:tls';
import { checkServerIdentity } from './server-identity.ts';

export interface TlsClientOptions {
  /** The SNI sent; undefined sends none. */
  serverName?: string;
  /** PEM certificates the server's chain must lead to; undefined: the certificate is not verified. */
  ca?: string;
  /** ALPN protocols offered, in order of preference. */
  alpn: readonly string[];
  /** PEM certificate (chain) and private key presented when the server asks for a client certificate. */
  clientCertificate?: { certificate: string; privateKey: string };
}

/** What the handshake settled, for reports and expectations. */
export interface TlsSessionInfo {
  /** The ALPN protocol the server chose; undefined when it chose none. */
  alpn: string | undefined;
  /** The server certificate's subjectAltNames (`DNS:a.example.com, ...`) and SHA-256 fingerprint. */
  certificate: { altNames: string; fingerprint256: string };
}

export class TlsHandshakeError extends Error {
  readonly code = 'GAUNTLET_TLS_HANDSHAKE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TlsHandshakeError';
  }
}

export function openTlsSession(target: { host: string; port: number }, options: TlsClientOptions, timeoutMs: number): Promise<{ socket: TLSSocket; info: TlsSessionInfo }> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: target.host,
      port: target.port,
      ...(options.serverName === undefined ? {} : { servername: options.serverName }),
      ALPNProtocols: [...options.alpn],
      ...(options.clientCertificate === undefined ? {} : { cert: options.clientCertificate.certificate, key: options.clientCertificate.privateKey }),
      ...(options.ca === undefined ? { rejectUnauthorized: false } : { ca: options.ca, rejectUnauthorized: true }),
      // Node passes the SNI, or the address when none is sent: Go verifies the same name.
      checkServerIdentity,
    });
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS handshake within ${timeoutMs} ms`)), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      const certificate = socket.getPeerCertificate();
      const info: TlsSessionInfo = {
        alpn: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : undefined,
        certificate: { altNames: certificate.subjectaltname ?? '', fingerprint256: certificate.fingerprint256 ?? '' },
      };
      resolve({ socket, info });
    });
    const onError = (error: Error): void => {
      clearTimeout(timer);
      const sni = options.serverName === undefined ? 'no SNI' : `SNI ${options.serverName}`;
      reject(new TlsHandshakeError(`TLS handshake with ${target.host}:${target.port} (${sni}, ALPN ${options.alpn.join(',') || 'none'}) failed: ${error.message}`, { cause: error }));
    };
    socket.once('error', onError);
  });
}
