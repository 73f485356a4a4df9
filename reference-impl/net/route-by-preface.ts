// Tells HTTP/1.1 from HTTP/2 with prior knowledge (h2c) on a fresh cleartext connection by its first
// bytes: an h2c client starts with the fixed connection preface, which no HTTP/1.1 request line can.
// The bytes read are put back, so the chosen server parses the connection from its first byte. Both
// the proxy's listeners and the echo's h2c port serve the two protocols on one port this way.

import type { Socket } from 'node:net';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export interface PrefaceRoutes {
  http1(socket: Socket): void;
  h2c(socket: Socket): void;
}

/** `idleMs`: a connection that sends nothing for this long is closed before any server sees it (undefined: no limit). */
export function routeByPreface(socket: Socket, routes: PrefaceRoutes, idleMs?: number): void {
  let seen: Buffer | undefined;
  // Errors before a server took the socket (a reset during the first bytes) end it quietly.
  const onEarlyError = (): void => {
    socket.destroy();
  };
  if (idleMs !== undefined) socket.setTimeout(idleMs, () => socket.destroy());
  const onData = (chunk: Buffer): void => {
    seen = seen === undefined ? chunk : Buffer.concat([seen, chunk]);
    const compared = Math.min(seen.length, PREFACE.length);
    const isPrefacePrefix = seen.compare(PREFACE, 0, compared, 0, compared) === 0;
    // A partial preface: wait for the rest (an HTTP/1.1 request differs from it by its second byte).
    if (isPrefacePrefix && seen.length < PREFACE.length) return;
    socket.off('data', onData);
    socket.off('error', onEarlyError);
    if (idleMs !== undefined) socket.setTimeout(0);
    socket.pause();
    socket.unshift(seen);
    if (isPrefacePrefix) {
      // The HTTP/2 session reads what is buffered on the socket itself; resuming here would lose it.
      routes.h2c(socket);
    } else {
      // The HTTP/1 server reads buffered bytes through 'data' events: let the put-back bytes flow.
      routes.http1(socket);
      socket.resume();
    }
  };
  socket.on('data', onData);
  socket.on('error', onEarlyError);
}
