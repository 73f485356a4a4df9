// The echo's HTTPS port (HTTPS_PORT, when TLS_SERVER_CERT and the key are set): the same routes as the HTTP
// port over TLS, HTTP/2 or HTTP/1.1 by ALPN as Go's TLS server offers them, every answer carrying the `tls`
// part (SNI, version, cipher, ALPN, client certificates). With a client CA bundle, client certificates are
// asked for and, when one is given, it must verify (Go's VerifyClientCertIfGiven); none is fine too.

import { createSecureServer } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { listenOn } from '../net/listen-on.ts';
import { ConnectionDrain } from './connection-drain.ts';
import type { EchoHandler } from './http-routes.ts';
import type { ServerTlsFiles } from './server-tls.ts';
import { attachWebSocketEcho, isWebSocketEchoRequest, type WebSocketEchoOptions } from './websocket-echo.ts';

export interface HttpsListener {
  port: number;
  close(): Promise<void>;
}

export async function startHttpsListener(
  host: string,
  port: number,
  tls: ServerTlsFiles,
  routes: EchoHandler,
  webSocket: Omit<WebSocketEchoOptions, 'listener'>,
): Promise<HttpsListener> {
  const verifyClients = tls.clientCa !== undefined;
  const drain = new ConnectionDrain();
  const server = createSecureServer(
    {
      allowHTTP1: true,
      cert: tls.cert,
      key: tls.key,
      ...(verifyClients ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: false } : {}),
    },
    (req, res) => {
      if (req.httpVersionMajor === 1) drain.addHttp1Request(req.socket, res);
      routes(req, res);
    },
  );
  server.on('session', (session) => drain.addSession(session));
  // HTTP/1.1 over this server runs Node's HTTP/1 connection code, which reads this property of its server.
  Object.assign(server, { shouldUpgradeCallback: isWebSocketEchoRequest });
  const webSockets = attachWebSocketEcho(server, { ...webSocket, listener: 'https' });
  if (verifyClients) {
    server.on('secureConnection', (socket: TLSSocket) => {
      const presented = socket.getPeerCertificate().raw !== undefined;
      if (presented && !socket.authorized) socket.destroy();
    });
  }
  const bound = await listenOn(server, port, host);
  return {
    port: bound,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        webSockets.close();
        drain.drain();
      }),
  };
}
