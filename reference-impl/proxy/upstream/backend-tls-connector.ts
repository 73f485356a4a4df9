// undici's connector for a pool of TLS connections to one backend endpoint: every connection is made with the
// backend's own TLS settings (backend-tls.ts), whatever undici derives from the request (it would send the
// request's Host as SNI), and within the pool's connect timeout. connectBackendTls makes the same connection for
// an HTTP/2 session (ALPN h2), whose own connect timer bounds it.

import { connect, type TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';
import { BackendTlsError, type BackendTlsSettings, backendTlsOptions } from './backend-tls.ts';

class BackendConnectTimeoutError extends Error {
  readonly code = 'UND_ERR_CONNECT_TIMEOUT';
  constructor(upstream: string, timeoutMs: number) {
    super(`TLS connection to ${upstream} not established within ${timeoutMs} ms`);
    this.name = 'BackendConnectTimeoutError';
  }
}

/** Node's codes for a connection that could not be made at all (kept, so the failure is answered 503 as for cleartext). */
const CONNECT_ERROR_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/**
 * A TLS connection to a backend endpoint offering `alpn` (HTTP/2 sessions take it as their socket); a failed
 * handshake reaches `onFailure` as a BackendTlsError (a refused connection keeps its code, answered 503).
 */
export function connectBackendTls(endpoint: { address: string; port: number }, name: string, settings: BackendTlsSettings, alpn: string[], onFailure: (error: Error) => void): TLSSocket {
  const socket = connect({ ...backendTlsOptions(settings), ALPNProtocols: alpn, host: endpoint.address, port: endpoint.port });
  socket.setNoDelay(true);
  const onError = (error: Error & { code?: string }): void => onFailure(CONNECT_ERROR_CODES.has(error.code ?? '') ? error : new BackendTlsError(name, error));
  socket.once('error', onError);
  socket.once('secureConnect', () => socket.off('error', onError));
  return socket;
}

export function backendTlsConnector(endpoint: { address: string; port: number }, name: string, settings: BackendTlsSettings, timeoutMs: number): buildConnector.connector {
  const options = backendTlsOptions(settings);
  return (_undiciOptions, callback) => {
    const socket = connect({ ...options, host: endpoint.address, port: endpoint.port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => socket.destroy(new BackendConnectTimeoutError(name, timeoutMs)), timeoutMs);
    const onError = (error: Error & { code?: string }): void => {
      clearTimeout(timer);
      const known = error instanceof BackendConnectTimeoutError || CONNECT_ERROR_CODES.has(error.code ?? '');
      callback(known ? error : new BackendTlsError(name, error), null);
    };
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      callback(null, socket);
    });
  };
}
