// Answers written straight onto a socket: after Node hands over an upgrade request there is no
// ServerResponse, so the status line and headers are written by hand (always closing the connection).

import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** The status line and header block for `headers` (a flat [name, value, ...] list). */
export function rawHead(status: number, statusMessage: string | undefined, headers: readonly string[]): string {
  let head = `HTTP/1.1 ${status} ${statusMessage ?? STATUS_CODES[status] ?? ''}\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  return `${head}\r\n`;
}

/** A complete answer with a short text body; the socket is closed after it. */
export function writeRawAnswer(socket: Duplex, status: number, headers: readonly string[], message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = message === '' ? '' : `${message}\n`;
  const framing = ['content-length', String(Buffer.byteLength(body)), 'connection', 'close'];
  const type = body === '' ? [] : ['content-type', 'text/plain; charset=utf-8'];
  socket.end(rawHead(status, undefined, [...headers, ...type, ...framing]) + body);
}
