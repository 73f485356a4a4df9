// Reads the server name (SNI) a client asks for from the ClientHello that opens its TLS connection, without
// consuming it: the bytes read are put back, so a TLS server (or a backend, for passthrough) sees the handshake
// from its first byte. read-tls-client-hello does the parsing; this adds the deadline a silent client needs.

import type { Socket } from 'node:net';
import { getExtensionData, readTlsClientHello } from 'read-tls-client-hello';

export class ClientHelloError extends Error {
  readonly code = 'PROXY_TLS_CLIENT_HELLO';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClientHelloError';
  }
}

/** What the proxy routes a TLS connection by, from its ClientHello. */
export interface ClientHelloInfo {
  /** Lower case; undefined when the client sent no SNI. */
  serverName: string | undefined;
}

/** Rejects with ClientHelloError when the first bytes are not a TLS ClientHello, or none came within `timeoutMs`. */
export function readClientHello(socket: Socket, timeoutMs: number): Promise<ClientHelloInfo> {
  socket.setTimeout(timeoutMs, () => socket.destroy(new ClientHelloError(`no TLS ClientHello within ${timeoutMs} ms`)));
  return readTlsClientHello(socket).then(
    (hello) => {
      socket.setTimeout(0);
      const serverName = getExtensionData(hello, 'sni')?.serverName;
      return { serverName: serverName ? serverName.toLowerCase() : undefined };
    },
    (error: unknown) => {
      socket.setTimeout(0);
      throw new ClientHelloError(`not a TLS ClientHello: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    },
  );
}
