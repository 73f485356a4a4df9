// Opens the TLS connection of a tls: case and says how the handshake ended, keeping apart what a scenario
// must tell apart: the gateway refusing the handshake (closing or resetting the connection, or an alert, before
// it completed), a completed handshake whose certificate the client cannot trust (not a refusal: the gateway
// presented a certificate), and no connection at all. The certificate is verified here, after the handshake,
// against the case's CA (chain by OpenSSL, the name as Go checks it) so that the two outcomes never mix.
import { connect, type TLSSocket } from 'node:tls';
import { dnsNamesOf } from '../tls/certificate-names.ts';
import { checkServerIdentity } from '../tls/server-identity.ts';

export interface TlsStreamOptions {
  serverName?: string;
  alpn: readonly string[];
  /** PEM CA certificates; undefined: the server's certificate is taken unverified. */
  ca?: string;
  clientCertificate?: { cert: string; key: string };
}

export type HandshakeOutcome =
  | { kind: 'completed'; socket: TLSSocket; alpn: string | undefined; dnsNames: string[] }
  | { kind: 'untrusted'; socket: TLSSocket; reason: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'unreachable'; reason: string };

/** Codes of a connection that never reached a TLS server: nothing to judge a handshake by. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ETIMEDOUT']);

export function openTlsStream(target: { host: string; port: number }, options: TlsStreamOptions, timeoutMs: number): Promise<HandshakeOutcome> {
  return new Promise((resolve) => {
    let connected = false;
    const socket = connect({
      host: target.host,
      port: target.port,
      ...(options.serverName === undefined ? {} : { servername: options.serverName }),
      ...(options.alpn.length > 0 ? { ALPNProtocols: [...options.alpn] } : {}),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      ...(options.clientCertificate ?? {}),
      rejectUnauthorized: false,
      // The name is checked in judge(), by Go's rules; Node's own check would also mark the chain unauthorized.
      checkServerIdentity: () => undefined,
    });
    socket.once('connect', () => {
      connected = true;
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ kind: 'unreachable', reason: `no completed TLS handshake within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.on('error', () => socket.destroy());
      resolve(judge(socket, options));
    });
    const onError = (error: NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      socket.destroy();
      const reason = `${error.code ? `${error.code}: ` : ''}${error.message}`;
      resolve(!connected || UNREACHABLE.has(error.code ?? '') ? { kind: 'unreachable', reason } : { kind: 'refused', reason });
    };
    socket.once('error', onError);
  });
}

function judge(socket: TLSSocket, options: TlsStreamOptions): HandshakeOutcome {
  const certificate = socket.getPeerCertificate();
  if (options.ca !== undefined) {
    if (!socket.authorized) return { kind: 'untrusted', socket, reason: `the server certificate does not lead to the CA: ${String(socket.authorizationError)}` };
    const identity = checkServerIdentity(options.serverName ?? socket.remoteAddress ?? '', certificate);
    if (identity) return { kind: 'untrusted', socket, reason: identity.message };
  }
  const alpn = typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : undefined;
  return { kind: 'completed', socket, alpn, dnsNames: dnsNamesOf(certificate.subjectaltname) };
}
