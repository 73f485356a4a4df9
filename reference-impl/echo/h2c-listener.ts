// The echo's h2c port (H2C_PORT), as upstream serves it for the HTTPRouteBackendProtocolH2C test: HTTP/2
// with prior knowledge gets the echo (its `proto` says HTTP/2.0, which is what the test looks at). HTTP/1.1
// on the same port gets the echo only with `Upgrade: h2c` (no upgrade is performed, as upstream's Go server
// does not perform one either), else a 400. Node's h2c server cannot share a port with HTTP/1, so each
// connection's first bytes pick the server (net/route-by-preface.ts, as the proxy's listeners do).

import { createServer as createHttp1Server } from 'node:http';
import { createServer as createHttp2Server } from 'node:http2';
import { createServer as createNetServer, type Socket } from 'node:net';
import { listenOn } from '../net/listen-on.ts';
import { routeByPreface } from '../net/route-by-preface.ts';
import { ConnectionDrain } from './connection-drain.ts';
import { respond } from './echo-endpoint.ts';
import type { EchoHandler } from './http-routes.ts';

export interface H2cListener {
  port: number;
  close(): Promise<void>;
}

export async function startH2cListener(host: string, port: number, echo: EchoHandler): Promise<H2cListener> {
  const http1 = createHttp1Server((req, res) => {
    if (req.headers.upgrade !== 'h2c') {
      respond(res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Expected h2c request');
      return;
    }
    echo(req, res);
  });
  const http2 = createHttp2Server(echo);
  const drain = new ConnectionDrain();
  http2.on('session', (session) => drain.addSession(session));
  // Connections that have not yet sent enough to tell their protocol; closing drops them.
  const undecided = new Set<Socket>();
  const server = createNetServer((socket) => {
    undecided.add(socket);
    socket.once('close', () => undecided.delete(socket));
    routeByPreface(socket, {
      h2c: () => {
        undecided.delete(socket);
        http2.emit('connection', socket);
      },
      http1: () => {
        undecided.delete(socket);
        http1.emit('connection', socket);
      },
    });
  });
  const bound = await listenOn(server, port, host);
  return {
    port: bound,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        http1.closeIdleConnections();
        for (const socket of undecided) socket.destroy();
        // GOAWAY: streams in flight finish, then each session closes its socket.
        drain.drain();
      }),
  };
}
