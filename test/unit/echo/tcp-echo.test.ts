import assert from 'node:assert/strict';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { readServerTls } from '../../../reference-impl/echo/server-tls.ts';
import { CommandLines } from '../../../reference-impl/echo/tcp/command-lines.ts';
import { startTcpEcho, TCP_WELCOME, type TcpEchoServer } from '../../../reference-impl/echo/tcp/tcp-echo-server.ts';
import { makeTestCertificates, type TestCertificates } from './test-certificates.ts';

/** Reads whole lines from a socket, one at a time. */
function lineReader(socket: Socket): () => Promise<string> {
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline = buffered.indexOf('\n');
    while (newline !== -1 && waiting.length > 0) {
      waiting.shift()?.(buffered.slice(0, newline + 1));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  });
  return () =>
    new Promise((resolve) => {
      const newline = buffered.indexOf('\n');
      if (newline === -1) {
        waiting.push(resolve);
        return;
      }
      resolve(buffered.slice(0, newline + 1));
      buffered = buffered.slice(newline + 1);
    });
}

describe('echo TCP mode', () => {
  let certs: TestCertificates;
  let echo: TcpEchoServer;
  const context = { namespace: 'gateway-conformance-infra', ingress: '', service: 'tcp-backend', pod: 'tcp-backend-5c7' };
  before(async () => {
    certs = await makeTestCertificates(['tcp.example.com']);
    const tls = readServerTls({ cert: { variable: 'TLS_SERVER_CERT', path: certs.files.cert }, key: { variable: 'TLS_SERVER_PRIV_KEY', path: certs.files.key } }, {});
    echo = await startTcpEcho({ host: '127.0.0.1', port: 0, tlsPort: 0, tls, context });
  });
  after(() => echo.close());

  it('welcomes, then answers PING, IS_TLS and TEST like upstream, ignoring other lines', async () => {
    const socket = connectTcp(echo.port, '127.0.0.1');
    const next = lineReader(socket);
    try {
      assert.equal(await next(), TCP_WELCOME);
      socket.write('HELLO\nPING\r\n');
      assert.equal(await next(), 'PONG\n', 'an unknown line gets no answer; CRLF is accepted');
      socket.write('IS_TLS\n');
      assert.equal(await next(), 'false\n');
      socket.write('TE');
      socket.write('ST\n');
      const payload = JSON.parse(await next()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(payload), ['namespace', 'ingress', 'service', 'pod', 'tcpport', 'tlsport', 'isTLS']);
      assert.deepEqual(payload, { ...context, tcpport: String(echo.port), tlsport: String(echo.tlsPort), isTLS: false });
    } finally {
      socket.destroy();
    }
  });

  it('serves the same over TLS and reports what TLS negotiated', async () => {
    const socket = connectTls({ host: '127.0.0.1', port: echo.tlsPort ?? 0, servername: 'tcp.example.com', ca: certs.caPem });
    const next = lineReader(socket);
    try {
      assert.equal(await next(), TCP_WELCOME);
      socket.write('IS_TLS\n');
      assert.equal(await next(), 'true\n');
      socket.write('TEST\n');
      const payload = JSON.parse(await next()) as { isTLS: boolean; tls: Record<string, string> };
      assert.equal(payload.isTLS, true);
      assert.equal(payload.tls.serverName, 'tcp.example.com');
      assert.equal(payload.tls.version, 'TLS 1.3', "Go's tls.VersionName spelling");
      assert.match(payload.tls.cipherSuite ?? '', /^TLS_/);
      assert.equal(payload.tls.negotiatedProtocol, undefined);
    } finally {
      socket.destroy();
    }
  });

  it('closes a connection whose line grows past 64 KiB', async () => {
    const socket = connectTcp(echo.port, '127.0.0.1');
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.on('error', () => undefined);
    socket.resume();
    socket.write(Buffer.alloc(70 * 1024, 'a'));
    await closed;
  });

  it('has no TLS listener without a certificate, but still reports TLS_PORT', async () => {
    const plain = await startTcpEcho({ host: '127.0.0.1', port: 0, tlsPort: 8443, context });
    try {
      assert.equal(plain.tlsPort, undefined);
      const socket = connectTcp(plain.port, '127.0.0.1');
      const next = lineReader(socket);
      await next();
      socket.write('TEST\n');
      assert.equal((JSON.parse(await next()) as { tlsport: string }).tlsport, '8443');
      socket.destroy();
    } finally {
      await plain.close();
    }
  });

  it('splits lines like Go’s scanner', () => {
    const lines = new CommandLines();
    assert.deepEqual(lines.push(Buffer.from('PI')), []);
    assert.deepEqual(lines.push(Buffer.from('NG\r\nTEST\nIS_')), ['PING', 'TEST']);
    assert.deepEqual(lines.end(), ['IS_'], 'an unterminated last line counts at the end');
    assert.equal(lines.push(Buffer.alloc(64 * 1024 + 1, 'x')), undefined);
  });
});
