// The TCP echo (TCP_ECHO_SERVER), as upstream's: on connect it sends a welcome line, then answers line
// commands: `PING` -> `PONG`, `IS_TLS` -> `true`/`false`, `TEST` -> the JSON assertions (tcp-assertions.ts).
// Other lines get no answer. A TLS port (TLS_PORT) serves the same when a certificate is configured.

import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { listenOn } from '../../net/listen-on.ts';
import { type EchoContext, goStyleJson } from '../echo-answer.ts';
import type { ServerTlsFiles } from '../server-tls.ts';
import { CommandLines } from './command-lines.ts';
import { tcpAssertions } from './tcp-assertions.ts';

export const TCP_WELCOME = 'Gateway API Test TCP Server\n';

export interface TcpEchoOptions {
  host: string;
  /** 0 picks a free port; the port bound is what `tcpport` reports. */
  port: number;
  /** Reported as `tlsport`; the TLS listener binds it only when `tls` is given. */
  tlsPort: number;
  tls?: ServerTlsFiles | undefined;
  context: EchoContext;
  /** Called once per connection, after the TLS handshake where there is one. */
  onConnection?: ((info: { tls: boolean; client: string }) => void) | undefined;
}

export interface TcpEchoServer {
  port: number;
  tlsPort: number | undefined;
  close(): Promise<void>;
}

export async function startTcpEcho(options: TcpEchoOptions): Promise<TcpEchoServer> {
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  // Filled in once bound; no connection is served before that.
  const ports = { tcp: options.port, tls: options.tlsPort };
  const accept = (server: Server): Server => {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    servers.push(server);
    return server;
  };
  const close = (): Promise<void> => closeAll(servers, sockets);
  try {
    ports.tcp = await listenOn(accept(createNetServer((socket) => serve(socket, undefined, ports, options))), options.port, options.host);
    if (options.tls === undefined) return { port: ports.tcp, tlsPort: undefined, close };
    const secure = createTlsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, (socket) => serve(socket, socket, ports, options));
    // A failed handshake ends that connection only.
    secure.on('tlsClientError', () => undefined);
    ports.tls = await listenOn(accept(secure), options.tlsPort, options.host);
    return { port: ports.tcp, tlsPort: ports.tls, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function serve(socket: Socket, tlsSocket: TLSSocket | undefined, ports: { tcp: number; tls: number }, options: TcpEchoOptions): void {
  socket.on('error', () => socket.destroy());
  options.onConnection?.({ tls: tlsSocket !== undefined, client: `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}` });
  const answers: Record<string, string> = {
    TEST: goStyleJson(tcpAssertions(options.context, ports, tlsSocket), 0),
    IS_TLS: String(tlsSocket !== undefined),
    PING: 'PONG',
  };
  const answer = (lines: readonly string[]): void => {
    for (const line of lines) {
      const reply = Object.hasOwn(answers, line) ? answers[line] : undefined;
      if (reply !== undefined && socket.writable) socket.write(`${reply}\n`);
    }
  };
  const commands = new CommandLines();
  socket.write(TCP_WELCOME);
  socket.on('data', (chunk: Buffer) => {
    const lines = commands.push(chunk);
    if (lines === undefined) socket.destroy();
    else answer(lines);
  });
  socket.on('end', () => {
    answer(commands.end());
    socket.end();
  });
}

function closeAll(servers: readonly Server[], sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))).then(() => undefined);
}
