import assert from 'node:assert/strict';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import type { RequestLogEntry } from '../../../reference-impl/echo/request-log.ts';
import { send } from './echo-client.ts';

describe('echo server: HTTP listener', () => {
  let echo: EchoServer;
  const logged: RequestLogEntry[] = [];
  before(async () => {
    echo = await startEchoServer({
      host: '127.0.0.1',
      port: 0,
      context: { namespace: 'gateway-conformance-infra', ingress: '', service: 'infra-backend-v1', pod: 'infra-backend-v1-abc' },
      onRequest: (entry) => logged.push(entry),
    });
  });
  after(() => echo.close());
  beforeEach(() => {
    logged.length = 0;
  });

  it('describes the request in the upstream JSON shape, field for field and in order', async () => {
    const reply = await send(echo.port, '/some/path?x=1&y=2', {
      headers: { Host: 'foo.example.com', 'x-forwarded-for': '10.1.1.1', 'x-multi': ['a', 'b'], 'x-ECHO-mixed': 'v' },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json');
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['path', 'host', 'method', 'proto', 'headers', 'httpPort', 'namespace', 'ingress', 'service', 'pod']);
    assert.equal(body.path, '/some/path?x=1&y=2');
    assert.equal(body.host, 'foo.example.com');
    assert.equal(body.method, 'GET');
    assert.equal(body.proto, 'HTTP/1.1');
    assert.equal(body.httpPort, String(echo.port));
    assert.equal(body.namespace, 'gateway-conformance-infra');
    assert.equal(body.service, 'infra-backend-v1');
    assert.equal(body.pod, 'infra-backend-v1-abc');
    const headers = body.headers as Record<string, string[]>;
    assert.deepEqual(headers['X-Forwarded-For'], ['10.1.1.1']);
    assert.deepEqual(headers['X-Multi'], ['a', 'b']);
    assert.deepEqual(headers['X-Echo-Mixed'], ['v']);
    assert.equal(headers.Host, undefined, 'Host is reported in `host`, not among the headers');
    assert.deepEqual(Object.keys(headers), [...Object.keys(headers)].sort(), 'header names sorted as Go sorts map keys');
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
    assert.equal((await send(echo.port, '//health')).body, 'OK', "'//' collapses before routing");
    assert.equal((await send(echo.port, '/status/418')).status, 418);
    assert.equal((await send(echo.port, '/status/503')).status, 503);
    assert.equal((await send(echo.port, '/status/abc')).status, 400);
    assert.equal((await send(echo.port, '/status/200?x=1')).status, 400, 'the query is part of what /status/ matches');
    assert.equal((await send(echo.port, '/status/150')).status, 200, 'a 1xx ends as 200, as with Go');
    await assert.rejects(send(echo.port, '/status/099'), /socket hang up|ECONNRESET/, 'Go drops the connection for a code below 100');
    assert.equal(logged.length, 0, 'only echoed requests are logged');
  });

  it('redirects a subtree root without its slash, as Go’s mux does', async () => {
    const reply = await send(echo.port, '/status?a=b');
    assert.equal(reply.status, 301);
    assert.equal(reply.headers.location, '/status/?a=b');
  });

  it('waits for ?delay= and refuses an invalid delay with a JSON message', async () => {
    const started = Date.now();
    const reply = await send(echo.port, '/slow?delay=150ms');
    assert.equal(reply.status, 200);
    assert.ok(Date.now() - started >= 140, 'answered before the delay');
    const bad = await send(echo.port, '/slow?delay=soon');
    assert.equal(bad.status, 500);
    assert.equal(bad.headers['content-type'], 'application/json');
    assert.match((JSON.parse(bad.body) as { message: string }).message, /invalid duration "soon"/);
  });

  it('reports each echoed request once, with the request as seen and the pod context', async () => {
    await send(echo.port, '/mirror/me?q=1', { method: 'PUT', body: 'x'.repeat(100_000), headers: { Host: 'mirror.example', 'X-Trace': 't1' } });
    assert.equal(logged.length, 1, 'one entry per request, not per body chunk');
    const entry = logged[0];
    assert.ok(entry);
    assert.equal(entry.listener, 'http');
    assert.equal(entry.method, 'PUT');
    assert.equal(entry.path, '/mirror/me?q=1');
    assert.equal(entry.host, 'mirror.example');
    assert.equal(entry.proto, 'HTTP/1.1');
    assert.deepEqual(entry.headers['X-Trace'], ['t1']);
    assert.deepEqual([entry.namespace, entry.pod, entry.service], ['gateway-conformance-infra', 'infra-backend-v1-abc', 'infra-backend-v1']);
    assert.match(entry.client, /^127\.0\.0\.1:\d+$/);
    assert.match(entry.echoBasicLine, /^Echoing back request made to \/mirror\/me\?q=1 to client \(127\.0\.0\.1:\d+\)$/);
  });
});
