// The echo backend: a drop-in for upstream conformance's echo server (echo-basic) in its HTTP mode. The
// HTTP listener serves the echo and upstream's test endpoints (health, status codes, retry simulation,
// WebSocket echo); an optional h2c listener serves the echo over HTTP/2 with prior knowledge; an optional
// HTTPS listener serves the HTTP listener's routes over TLS. Every answer is the JSON description of the
// request (echo-answer.ts); every echoed request is reported to `onRequest` for the log.

import { createServer, type Server } from 'node:http';
import { listenOn } from '../net/listen-on.ts';
import type { EchoContext } from './echo-answer.ts';
import { echoRequest } from './echo-endpoint.ts';
import { startH2cListener } from './h2c-listener.ts';
import { httpRoutes } from './http-routes.ts';
import { startHttpsListener } from './https-listener.ts';
import type { PauseSchedule } from './pause-schedule.ts';
import type { RequestLogger } from './request-log.ts';
import { RetrySimulation } from './retry-simulation.ts';
import type { ServerTlsFiles } from './server-tls.ts';
import { attachWebSocketEcho, isWebSocketEchoRequest } from './websocket-echo.ts';

export type { EchoAnswer, EchoContext } from './echo-answer.ts';

export interface EchoServerOptions {
  host: string;
  /** The HTTP listener's port; 0 picks a free port. */
  port: number;
  /** The h2c listener's port (0 picks one); none when undefined. */
  h2cPort?: number | undefined;
  /** The HTTPS listener's port and TLS material; none when undefined. */
  https?: { port: number; tls: ServerTlsFiles } | undefined;
  context: EchoContext;
  /** Called once per echoed request (and per WebSocket upgrade), before the answer is written. */
  onRequest?: RequestLogger | undefined;
  /** Answers pause on this schedule (pause-schedule.ts); none when undefined. */
  pause?: PauseSchedule | undefined;
}

export interface EchoServer {
  port: number;
  /** The h2c listener's port, when one was asked for. */
  h2cPort: number | undefined;
  /** The HTTPS listener's port, when one was asked for. */
  httpsPort: number | undefined;
  close(): Promise<void>;
}

export async function startEchoServer(options: EchoServerOptions): Promise<EchoServer> {
  const { host, context, onRequest, pause } = options;
  const retry = new RetrySimulation();
  // Upgrade requests other than WebSocket-to-/ws are plain requests, as they are to upstream's Go server.
  const server = createServer({ shouldUpgradeCallback: isWebSocketEchoRequest });
  const webSockets = attachWebSocketEcho(server, { context, listener: 'http', onRequest });
  const port = await listenOn(server, options.port, host);
  const httpPort = String(port);
  // Attached in the same tick as 'listening': no request can have been parsed before.
  server.on('request', httpRoutes({ context, httpPort, listener: 'http', onRequest, retry, pause }));
  const closers = [() => closeHttpServer(server, webSockets.close)];
  try {
    const h2c =
      options.h2cPort === undefined
        ? undefined
        : await startH2cListener(host, options.h2cPort, (req, res) => echoRequest(req, res, { context, httpPort, listener: 'h2c', onRequest, pause }));
    if (h2c) closers.push(() => h2c.close());
    const https =
      options.https === undefined
        ? undefined
        : await startHttpsListener(host, options.https.port, options.https.tls, httpRoutes({ context, httpPort, listener: 'https', onRequest, retry, pause }), {
            context,
            onRequest,
          });
    if (https) closers.push(() => https.close());
    return { port, h2cPort: h2c?.port, httpsPort: https?.port, close: () => Promise.all(closers.map((close) => close())).then(() => undefined) };
  } catch (error) {
    await Promise.all(closers.map((close) => close()));
    throw error;
  }
}

function closeHttpServer(server: Server, closeWebSockets: () => void): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would hold close() open forever; so would open WebSockets.
    server.closeIdleConnections();
    closeWebSockets();
  });
}
