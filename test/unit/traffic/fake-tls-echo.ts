// Test helper: a TLS server on 127.0.0.1 answering like the echo backend over HTTP/1.1 or h2 (by ALPN), with a
// certificate its own CA signed for the given DNS names; it records the SNI of each handshake.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { makeTestCa, signTestCertificate } from '../../support/test-certificate-authority.ts';

export interface FakeTlsEcho {
  target: { host: string; port: number };
  caPem: string;
  /** SNI of each handshake, in order (undefined when none was sent). */
  serverNames: (string | undefined)[];
  close(): Promise<void>;
}

export async function startFakeTlsEcho(dnsNames: readonly string[]): Promise<FakeTlsEcho> {
  const ca = await makeTestCa('fake-echo-ca');
  const leaf = await signTestCertificate(ca, { usage: 'server', dnsNames, commonName: 'fake-echo' });
  const serverNames: (string | undefined)[] = [];
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify({ path: req.url, host: req.headers.host ?? req.headers[':authority'], method: req.method, proto: `HTTP/${req.httpVersion}`, headers: {}, namespace: 'ns', ingress: '', service: '', pod: 'tls-echo' });
    // A header sent on two lines, which a probe must keep apart over either protocol.
    res.writeHead(200, { 'content-type': 'application/json', 'x-header-add': ['a', 'b'] });
    res.end(body);
  };
  const http1 = createHttpServer(answer);
  const http2 = createHttp2Server({}, (req, res) => answer(req as unknown as IncomingMessage, res as unknown as ServerResponse));
  const server = createTlsServer({ cert: leaf.certificate, key: leaf.privateKey, ALPNProtocols: ['h2', 'http/1.1'] }, (socket: TLSSocket) => {
    serverNames.push(typeof socket.servername === 'string' ? socket.servername : undefined);
    (socket.alpnProtocol === 'h2' ? http2 : http1).emit('connection', socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    target: { host: '127.0.0.1', port: (server.address() as AddressInfo).port },
    caPem: ca.certificate,
    serverNames,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
