// Closing a server gracefully means: no new connections, requests in flight finish, idle connections go.
// Node's HTTP/1 server does the last part itself (closeIdleConnections); a TLS server that serves HTTP/2
// and falls back to HTTP/1.1 does not, so this tracks its connections: HTTP/2 sessions get a GOAWAY, HTTP/1
// connections close when idle, at once or when their current answer is done.

import type { ServerHttp2Session } from 'node:http2';
import type { Socket } from 'node:net';

interface ResponseLike {
  once(event: 'close', listener: () => void): unknown;
}

export class ConnectionDrain {
  readonly #sessions = new Set<ServerHttp2Session>();
  readonly #busy = new Map<Socket, number>();
  readonly #http1 = new Set<Socket>();
  #draining = false;

  addSession(session: ServerHttp2Session): void {
    this.#sessions.add(session);
    session.once('close', () => this.#sessions.delete(session));
    if (this.#draining) session.close();
  }

  /** Call for every HTTP/1 request: the connection is busy until `res` closes. */
  addHttp1Request(socket: Socket, res: ResponseLike): void {
    if (!this.#http1.has(socket)) {
      this.#http1.add(socket);
      socket.once('close', () => this.#http1.delete(socket));
    }
    this.#busy.set(socket, (this.#busy.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (this.#busy.get(socket) ?? 1) - 1;
      if (left > 0) this.#busy.set(socket, left);
      else this.#busy.delete(socket);
      if (this.#draining && left <= 0) socket.destroy();
    });
  }

  /** From now on, connections close as soon as they are idle. */
  drain(): void {
    this.#draining = true;
    for (const session of this.#sessions) session.close();
    for (const socket of this.#http1) if (!this.#busy.has(socket)) socket.destroy();
  }
}
