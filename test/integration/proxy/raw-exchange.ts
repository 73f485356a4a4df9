// Sends raw bytes on a fresh connection to a proxy and collects every answer it gives: the hostile-input
// tests need to see exactly what a malformed or smuggling request gets, including answers to pipelined
// requests and whether the proxy closed the connection.

import { connect } from 'node:net';

export interface RawExchange {
  /** Status codes of the answers, in order ('200', '400', ...). */
  statuses: string[];
  /** True when the proxy closed the connection (rather than the test, after it went quiet). */
  closedByServer: boolean;
  text: string;
}

/** Waits until the server closes, or stays quiet for `quietMs` after an answer; at most `timeoutMs`. */
export function rawExchange(host: string, port: number, bytes: string | Buffer, quietMs = 250, timeoutMs = 3000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let text = '';
    let closedByServer = true;
    let quiet: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      closedByServer = false;
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        closedByServer = false;
        socket.destroy();
      }, quietMs);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(giveUp);
      clearTimeout(quiet);
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1] as string);
      resolve({ statuses, closedByServer, text });
    });
    socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  });
}
