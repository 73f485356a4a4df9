import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import type { RequestLogEntry } from '../../../reference-impl/echo/request-log.ts';
import { send, sendH2c } from './echo-client.ts';

/**
 * Writes raw bytes in pieces a few ms apart and collects what the server sends until it closes the
 * connection, or until `enoughBytes` arrived (an HTTP/2 server keeps its connection open).
 */
function rawExchange(port: number, pieces: readonly Buffer[], enoughBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (c: Buffer) => {
      received.push(c);
      if (Buffer.concat(received).length >= enoughBytes) socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(received)));
    let index = 0;
    const writeNext = (): void => {
      const piece = pieces[index++];
      if (piece === undefined) return;
      socket.write(piece);
      setTimeout(writeNext, 5);
    };
    socket.on('connect', writeNext);
  });
}

describe('echo server: h2c listener', () => {
  let echo: EchoServer;
  let h2cPort: number;
  const logged: RequestLogEntry[] = [];
  before(async () => {
    echo = await startEchoServer({
      host: '127.0.0.1',
      port: 0,
      h2cPort: 0,
      context: { namespace: 'ns', ingress: '', service: 'infra-backend-v1', pod: 'infra-backend-v1-xyz' },
      onRequest: (entry) => logged.push(entry),
    });
    assert.ok(echo.h2cPort !== undefined && echo.h2cPort !== echo.port);
    h2cPort = echo.h2cPort;
  });
  after(() => echo.close());

  it('answers HTTP/2 with prior knowledge and reports HTTP/2.0 as the protocol it saw', async () => {
    const reply = await sendH2c(h2cPort, { ':path': '/h2c/path?a=1', ':authority': 'h2c.example.com', 'x-custom': 'yes', 'x-echo-set-header': 'X-Answer: 42' });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['x-answer'], '42');
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    assert.equal(body.proto, 'HTTP/2.0');
    assert.equal(body.path, '/h2c/path?a=1');
    assert.equal(body.host, 'h2c.example.com');
    assert.equal(body.pod, 'infra-backend-v1-xyz');
    assert.equal(body.httpPort, String(echo.port), 'httpPort is the HTTP listener’s, as upstream reports it');
    const headers = body.headers as Record<string, string[]>;
    assert.deepEqual(headers['X-Custom'], ['yes']);
    assert.equal(
      Object.keys(headers).some((name) => name.startsWith(':')),
      false,
      'pseudo-headers are not headers',
    );
    assert.equal(logged.at(-1)?.listener, 'h2c');
  });

  it('waits for ?delay= over HTTP/2 too', async () => {
    const started = Date.now();
    const reply = await sendH2c(h2cPort, { ':path': '/?delay=100ms' });
    assert.equal(reply.status, 200);
    assert.ok(Date.now() - started >= 90);
  });

  it('refuses plain HTTP/1.1 and echoes HTTP/1.1 that asks for the h2c upgrade', async () => {
    const plain = await send(h2cPort, '/');
    assert.deepEqual([plain.status, plain.body], [400, 'Expected h2c request']);
    const upgrade = await send(h2cPort, '/up', { headers: { Connection: 'Upgrade, HTTP2-Settings', Upgrade: 'h2c', 'HTTP2-Settings': '' } });
    assert.equal(upgrade.status, 200);
    assert.equal((JSON.parse(upgrade.body) as { proto: string }).proto, 'HTTP/1.1');
  });

  it('tells the protocols apart even when the first bytes arrive one at a time', async () => {
    const request = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = await rawExchange(h2cPort, [request.subarray(0, 1), request.subarray(1, 2), request.subarray(2)]);
    assert.match(answer.toString(), /^HTTP\/1\.1 400 [\s\S]*Expected h2c request$/, 'the h2c port’s own answer, not a parse error');
    // 'P', 'R' match the HTTP/2 preface, then 'U' leaves it: HTTP/1 after all.
    const put = Buffer.from('PUT / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    const putAnswer = await rawExchange(h2cPort, [put.subarray(0, 1), put.subarray(1, 2), put.subarray(2)]);
    assert.match(putAnswer.toString(), /^HTTP\/1\.1 400 [\s\S]*Expected h2c request$/);
    // And the HTTP/2 preface itself split across writes.
    const preface = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    const settings = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);
    const h2Answer = await rawExchange(h2cPort, [preface.subarray(0, 5), preface.subarray(5, 20), Buffer.concat([preface.subarray(20), settings])], 9);
    assert.equal(h2Answer[3], 4, 'the server answered with an HTTP/2 SETTINGS frame');
  });

  it('has no h2c listener unless asked for one', async () => {
    const plain = await startEchoServer({ host: '127.0.0.1', port: 0, context: { namespace: '', ingress: '', service: '', pod: '' } });
    try {
      assert.equal(plain.h2cPort, undefined);
    } finally {
      await plain.close();
    }
  });
});
