// TLS handshakes of one port, on connections the port accepted: a TLS server that never listens itself. Each
// handshake reads the port's current termination (so a new IR's certificates apply to the next connection,
// while established ones keep theirs), and the secured connection goes to the HTTP/2 server when the client
// agreed on h2 by ALPN, else to the HTTP/1.1 server.

import type { Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { SERVED_ALPN_PROTOCOLS, type TlsTermination } from './tls-termination.ts';

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
  const server: Server = createServer({
    ALPNProtocols: SERVED_ALPN_PROTOCOLS,
    handshakeTimeout: handshakeTimeoutMs,
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
  return {
    accept: (socket) => server.emit('connection', socket),
    use(next) {
      termination = next;
      server.setSecureContext(next.noSniOptions);
    },
  };
}
