// TLS handshakes of one port, on connections the port accepted: a TLS server that never listens itself. Each
// handshake reads the port's current termination (so a new IR's certificates apply to the next connection,
// while established ones keep theirs), and the secured connection goes to the HTTP/2 server when the client
// agreed on h2 by ALPN, else to the HTTP/1.1 server. Whether client certificates are asked for (and required)
// is a setting of the whole TLS server, so a termination that changes it gets a server of its own: later
// connections use it, established ones keep theirs, and no session resumed across the change can skip it.

import type { Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { type ClientVerification, SERVED_ALPN_PROTOCOLS, type TlsTermination } from './tls-termination.ts';

export class UnknownServerNameError extends Error {
  readonly code = 'PROXY_TLS_UNKNOWN_SERVER_NAME';
  constructor(serverName: string) {
    super(`no HTTPS listener of this port serves the name ${JSON.stringify(serverName)} (SNI); the handshake is refused`);
    this.name = 'UnknownServerNameError';
  }
}

export interface SecuredRoutes {
  http1(socket: TLSSocket): void;
  h2(socket: TLSSocket): void;
}

export interface TlsHandshakes {
  /** Starts the handshake on a freshly accepted connection. */
  accept(socket: Socket): void;
  /** Makes `termination` the one later handshakes use. */
  use(termination: TlsTermination): void;
}

export function createTlsHandshakes(routes: SecuredRoutes, handshakeTimeoutMs: number): TlsHandshakes {
  let termination: TlsTermination | undefined;
  let current: { server: Server; verification: ClientVerification } | undefined;

  function createHandshakeServer(verification: ClientVerification): Server {
    const server = createServer({
      ALPNProtocols: SERVED_ALPN_PROTOCOLS,
      handshakeTimeout: handshakeTimeoutMs,
      requestCert: verification.requestCert,
      // Node verifies the client certificate after the handshake and, when this is set, closes a connection
      // whose certificate is missing or does not chain to the port's client CAs before any request is read.
      rejectUnauthorized: verification.rejectUnauthorized,
      SNICallback: (serverName, done) => {
        const context = termination?.contextFor(serverName);
        if (context) done(null, context);
        else done(new UnknownServerNameError(serverName));
      },
    });
    server.on('secureConnection', (socket: TLSSocket) => {
      if (socket.alpnProtocol === 'h2') routes.h2(socket);
      else routes.http1(socket);
    });
    // A failed handshake (unknown name, no shared protocol, a client giving up) costs that connection only.
    server.on('tlsClientError', (_error, socket) => socket.destroy());
    return server;
  }

  return {
    accept(socket) {
      if (current) current.server.emit('connection', socket);
      else socket.destroy();
    },
    use(next) {
      termination = next;
      const verification = next.clientVerification;
      if (current === undefined || current.verification.requestCert !== verification.requestCert || current.verification.rejectUnauthorized !== verification.rejectUnauthorized) {
        current = { server: createHandshakeServer(verification), verification };
      }
      current.server.setSecureContext(next.noSniOptions);
    },
  };
}
