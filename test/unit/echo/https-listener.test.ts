import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:http2';
import { request } from 'node:https';
import { type ClientOptions, WebSocket } from 'ws';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import type { RequestLogEntry } from '../../../reference-impl/echo/request-log.ts';
import { readServerTls } from '../../../reference-impl/echo/server-tls.ts';
import { makeTestCertificates, type TestCertificates } from './test-certificates.ts';

interface TlsReply {
  status: number;
  body: Record<string, unknown>;
}

function httpsGet(port: number, path: string, options: { servername: string; ca: string; cert?: string; key?: string }): Promise<TlsReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text } });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('echo server: HTTPS listener', () => {
  let certs: TestCertificates;
  let echo: EchoServer;
  let httpsPort: number;
  const logged: RequestLogEntry[] = [];
  before(async () => {
    certs = await makeTestCertificates(['abc.example.com', '*.wildcard.example']);
    const tls = readServerTls(
      {
        cert: { variable: 'TLS_SERVER_CERT', path: certs.files.cert },
        key: { variable: 'TLS_SERVER_PRIVKEY', path: certs.files.key },
        clientCa: { variable: 'TLS_CLIENT_CACERTS', path: certs.files.ca },
      },
      {},
    );
    echo = await startEchoServer({
      host: '127.0.0.1',
      port: 0,
      https: { port: 0, tls },
      context: { namespace: 'ns', ingress: '', service: 'tls-backend', pod: 'tls-backend-1' },
      onRequest: (entry) => logged.push(entry),
    });
    assert.ok(echo.httpsPort !== undefined);
    httpsPort = echo.httpsPort;
  });
  after(() => echo.close());

  it('answers over HTTP/1.1 with the SNI, version and cipher suite the connection negotiated', async () => {
    const reply = await httpsGet(httpsPort, '/tls-path', { servername: 'abc.example.com', ca: certs.caPem });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.path, '/tls-path');
    assert.equal(reply.body.proto, 'HTTP/1.1');
    assert.equal(reply.body.httpPort, String(echo.port));
    const tls = reply.body.tls as Record<string, unknown>;
    assert.deepEqual(Object.keys(tls), ['version', 'serverName', 'cipherSuite'], 'no ALPN and no client certificate: those fields are left out');
    assert.equal(tls.serverName, 'abc.example.com');
    assert.equal(tls.version, 'TLSv1.3');
    assert.match(String(tls.cipherSuite), /^TLS_[A-Z0-9_]+$/);
    assert.equal(logged.at(-1)?.listener, 'https');
  });

  it('speaks HTTP/2 when ALPN offers it, and reports h2', async () => {
    const session = connect(`https://127.0.0.1:${httpsPort}`, { ca: certs.caPem, servername: 'x.wildcard.example' });
    try {
      const stream = session.request({ ':path': '/over-h2', ':authority': 'x.wildcard.example' });
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      await once(stream, 'end');
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { proto: string; host: string; tls: Record<string, unknown> };
      assert.equal(body.proto, 'HTTP/2.0');
      assert.equal(body.host, 'x.wildcard.example');
      assert.equal(body.tls.negotiatedProtocol, 'h2');
      assert.equal(body.tls.serverName, 'x.wildcard.example');
    } finally {
      session.close();
    }
  });

  it('reports a client certificate signed by TLS_CLIENT_CACERTS and refuses one that is not', async () => {
    const reply = await httpsGet(httpsPort, '/', { servername: 'abc.example.com', ca: certs.caPem, cert: certs.clientCertPem, key: certs.clientKeyPem });
    const peers = (reply.body.tls as { peerCertificates?: string[] }).peerCertificates ?? [];
    assert.ok(
      peers.some((pem) => pem.trim() === certs.clientCertPem.trim().replaceAll('\r\n', '\n')),
      `the client certificate is among ${peers.length} reported`,
    );
    await assert.rejects(httpsGet(httpsPort, '/', { servername: 'abc.example.com', ca: certs.caPem, cert: certs.strangerCertPem, key: certs.strangerKeyPem }));
  });

  it('serves the same routes as the HTTP port: status codes and WebSocket echo', async () => {
    const status = await httpsGet(httpsPort, '/status/404', { servername: 'abc.example.com', ca: certs.caPem });
    assert.equal(status.status, 404);
    const socket = new WebSocket(`wss://127.0.0.1:${httpsPort}/ws`, { ca: certs.caPem, servername: 'abc.example.com' } as ClientOptions);
    await once(socket, 'open');
    const reply = once(socket, 'message') as Promise<[Buffer, boolean]>;
    socket.send('over tls');
    const [data] = await reply;
    socket.close();
    assert.equal(data.toString(), 'over tls');
  });
});
