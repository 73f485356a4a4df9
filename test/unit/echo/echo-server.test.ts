import assert from 'node:assert/strict';
import { request } from 'node:http';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, options: { method?: string; headers?: Record<string, string | string[]>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('echo server', () => {
  let echo: EchoServer;
  before(async () => {
    echo = await startEchoServer({
      host: '127.0.0.1',
      port: 0,
      context: { namespace: 'gateway-conformance-infra', ingress: '', service: 'infra-backend-v1', pod: 'infra-backend-v1-abc' },
    });
  });
  after(() => echo.close());

  it('describes the request in the upstream JSON shape', async () => {
    const reply = await send(echo.port, '/some/path?x=1&y=2', {
      headers: { Host: 'foo.example.com', 'x-forwarded-for': '10.1.1.1', 'x-multi': ['a', 'b'], 'x-ECHO-mixed': 'v' },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json');
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['path', 'host', 'method', 'proto', 'headers', 'namespace', 'ingress', 'service', 'pod', 'sni']);
    assert.equal(body.path, '/some/path?x=1&y=2');
    assert.equal(body.host, 'foo.example.com');
    assert.equal(body.method, 'GET');
    assert.equal(body.proto, 'HTTP/1.1');
    assert.equal(body.namespace, 'gateway-conformance-infra');
    assert.equal(body.service, 'infra-backend-v1');
    assert.equal(body.pod, 'infra-backend-v1-abc');
    const headers = body.headers as Record<string, string[]>;
    assert.deepEqual(headers['X-Forwarded-For'], ['10.1.1.1']);
    assert.deepEqual(headers['X-Multi'], ['a', 'b']);
    assert.deepEqual(headers['X-Echo-Mixed'], ['v']);
    assert.equal(headers.Host, undefined, 'Host is reported in `host`, not among the headers');
  });

  it('uses a one-space indent like the upstream server', async () => {
    const reply = await send(echo.port, '/');
    assert.match(reply.body, /^\{\n "path": "\/",\n "host": /);
  });

  it('reports the method of non-GET requests and keeps the connection usable after a body', async () => {
    const reply = await send(echo.port, '/post', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    const body = JSON.parse(reply.body) as { method: string; headers: Record<string, string[]> };
    assert.equal(body.method, 'POST');
    assert.deepEqual(body.headers['Content-Length'], ['5']);
  });

  it('sets the response headers requested by X-Echo-Set-Header', async () => {
    const reply = await send(echo.port, '/', { headers: { 'X-Echo-Set-Header': 'X-Foo: one, X-Bar:two, X-Foo: three' } });
    assert.equal(reply.headers['x-foo'], 'one,three');
    assert.equal(reply.headers['x-bar'], 'two');
  });

  it('answers /health with OK and /status/NNN with that status', async () => {
    const health = await send(echo.port, '/health');
    assert.deepEqual([health.status, health.body], [200, 'OK']);
    assert.equal((await send(echo.port, '/status/418')).status, 418);
    assert.equal((await send(echo.port, '/status/abc')).status, 400);
  });

  it('waits for ?delay= and refuses an invalid delay with a JSON message', async () => {
    const started = Date.now();
    const reply = await send(echo.port, '/slow?delay=150ms');
    assert.equal(reply.status, 200);
    assert.ok(Date.now() - started >= 140, 'answered before the delay');
    const bad = await send(echo.port, '/slow?delay=soon');
    assert.equal(bad.status, 500);
    assert.match((JSON.parse(bad.body) as { message: string }).message, /invalid duration "soon"/);
  });
});
