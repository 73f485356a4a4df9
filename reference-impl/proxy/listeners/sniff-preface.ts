// Tells HTTP/1.1 from HTTP/2 with prior knowledge (h2c) on a fresh cleartext connection by its first
// bytes: an h2c client starts with the fixed connection preface, which no HTTP/1.1 request line can.
// The bytes read are put back, so the chosen server parses the connection from its first byte.

import type { Socket } from 'node:net';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export interface PrefaceRoutes {
  http1(socket: Socket): void;
  h2c(socket: Socket): void;
}

/** `idleMs`: a connection that sends nothing for this long is closed before any server sees it. */
export function routeByPreface(socket: Socket, routes: PrefaceRoutes, idleMs: number): void {
  let seen: Buffer | undefined;
  // Errors before a server took the socket (a reset during the first bytes) end it quietly.
  const onEarlyError = (): void => {
    socket.destroy();
  };
  socket.setTimeout(idleMs, () => socket.destroy());
  const onData = (chunk: Buffer): void => {
    seen = seen === undefined ? chunk : Buffer.concat([seen, chunk]);
    const compared = Math.min(seen.length, PREFACE.length);
    const isPrefacePrefix = seen.compare(PREFACE, 0, compared, 0, compared) === 0;
    // A partial preface: wait for the rest (an HTTP/1.1 request differs from it by its second byte).
    if (isPrefacePrefix && seen.length < PREFACE.length) return;
    socket.off('data', onData);
    socket.off('error', onEarlyError);
    socket.setTimeout(0);
    socket.pause();
    socket.unshift(seen);
    if (isPrefacePrefix) {
      // The HTTP/2 session reads what is buffered on the socket itself; resuming here would lose it.
      routes.h2c(socket);
    } else {
      routes.http1(socket);
      socket.resume();
    }
  };
  socket.on('data', onData);
  socket.on('error', onEarlyError);
}
