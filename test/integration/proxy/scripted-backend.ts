// A backend on a raw socket that answers each request with whatever bytes a test scripts: malformed answers,
// interim 1xx, close-delimited bodies, trailers, early closes. It reads request heads (and Content-Length bodies)
// just well enough to tell requests apart, numbers connections, and records what it received.

import { createServer, type Server, type Socket } from 'node:net';

export interface ScriptedRequest {
  method: string;
  target: string;
  head: string;
  body: string;
  /** 1, 2, ... in the order connections were accepted. */
  connection: number;
  /** 1 for the first request on its connection. */
  onConnection: number;
}

export type Script = (request: ScriptedRequest, socket: Socket) => void;

export interface ScriptedBackend {
  port: number;
  received: ScriptedRequest[];
  connections: number;
  /** Connections open now. */
  open: number;
  setScript(script: Script): void;
  close(): Promise<void>;
}

export async function startScriptedBackend(host: string, script: Script): Promise<ScriptedBackend> {
  let current = script;
  const sockets = new Set<Socket>();
  const state: Omit<ScriptedBackend, 'port' | 'close' | 'setScript'> = { received: [], connections: 0, open: 0 };
  const server: Server = createServer((socket) => {
    const connection = ++state.connections;
    state.open += 1;
    sockets.add(socket);
    socket.on('close', () => {
      state.open -= 1;
      sockets.delete(socket);
    });
    socket.on('error', () => {});
    let buffered = '';
    let onConnection = 0;
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffered.slice(0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const body = buffered.slice(end + 4, end + 4 + length);
        buffered = buffered.slice(end + 4 + length);
        const [method = '', target = ''] = head.split(' ', 2);
        const request = { method, target, head, body, connection, onConnection: ++onConnection };
        state.received.push(request);
        current(request, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  return Object.assign(state, {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    setScript(next: Script) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}
