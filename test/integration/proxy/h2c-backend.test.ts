// Backends with appProtocol kubernetes.io/h2c: the proxy speaks HTTP/2 with prior knowledge to them,
// one pooled session per endpoint, translating headers both ways.

import assert from 'node:assert/strict';
import { createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { freePort } from './free-port.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, requestHeaders, service, startProxyUnderTest } from './proxy-under-test.ts';

const PROXY_HOST = '127.0.0.72';
const BACKEND = '127.0.0.73';

interface SeenByBackend {
  httpVersion: string;
  authority: string;
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  bodyLength: number;
}

describe('h2c backends (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let h2c: Http2Server;
  let sessions = 0;

  before(async () => {
    h2c = createServer((req, res) => {
      let bodyLength = 0;
      req.on('data', (c: Buffer) => {
        bodyLength += c.length;
      });
      req.on('end', () => {
        const seen: SeenByBackend = { httpVersion: req.httpVersion, authority: req.authority, path: req.url, method: req.method, headers: req.headers, bodyLength };
        const status = req.url.startsWith('/h2c/missing') ? 404 : 200;
        res.writeHead(status, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
        res.end(JSON.stringify(seen));
      });
    });
    h2c.on('session', () => {
      sessions += 1;
    });
    await new Promise<void>((r) => h2c.listen(0, BACKEND, r));
    const port = (h2c.address() as AddressInfo).port;
    const deadPort = await freePort(BACKEND);
    gw = await startProxyUnderTest(PROXY_HOST);
    await gw.publish([
      prefixRule('ns/h2c/rule/0/match/0', '/h2c', [service('ns/grpcish:8081', [{ address: BACKEND, port }], { protocol: 'h2c', filters: [requestHeaders([['X-Backend-Filter', 'applied']])] })]),
      prefixRule('ns/h2c-dead/rule/0/match/0', '/dead', [service('ns/dead:8081', [{ address: BACKEND, port: deadPort }], { protocol: 'h2c' })]),
    ]);
  });

  after(async () => {
    await gw?.close();
    await new Promise((r) => h2c?.close(r));
  });

  it('sends requests over HTTP/2 with :authority from Host and no connection-specific headers', async () => {
    const reply = await send({ host: PROXY_HOST, port: gw.port, path: '/h2c/a?q=1', headers: { host: 'gw.example.com', 'x-client': 'c', connection: 'keep-alive, x-hop', 'x-hop': 'h' } });
    assert.equal(reply.status, 200);
    const seen = JSON.parse(reply.text) as SeenByBackend;
    assert.equal(seen.httpVersion, '2.0');
    assert.equal(seen.authority, 'gw.example.com');
    assert.equal(seen.path, '/h2c/a?q=1');
    assert.equal(seen.headers['x-client'], 'c');
    assert.equal(seen.headers['x-backend-filter'], 'applied');
    assert.equal(seen.headers['x-forwarded-for'], '127.0.0.1');
    for (const name of ['connection', 'keep-alive', 'x-hop', 'host', 'transfer-encoding']) assert.equal(seen.headers[name], undefined, name);
  });

  it('passes the status and repeated response headers back over HTTP/1.1', async () => {
    const reply = await send({ host: PROXY_HOST, port: gw.port, path: '/h2c/missing' });
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.headers['set-cookie'], ['a=1', 'b=2']);
    assert.equal(reply.headers['content-type'], 'application/json');
  });

  it('streams a request body as HTTP/2 data', async () => {
    const body = Buffer.alloc(1024 * 1024 + 5, 1);
    const reply = await send({ host: PROXY_HOST, port: gw.port, path: '/h2c/upload', method: 'POST', body });
    const seen = JSON.parse(reply.text) as SeenByBackend;
    assert.equal(seen.method, 'POST');
    assert.equal(seen.bodyLength, body.length);
  });

  it('reuses one session per endpoint for many requests, also concurrent ones', async () => {
    const before = sessions;
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => send({ host: PROXY_HOST, port: gw.port, path: `/h2c/c${i}` })));
    for (const reply of replies) assert.equal(reply.status, 200);
    assert.equal(sessions - before, 0, 'no new session after the first test opened one');
    assert.equal(sessions, 1);
  });

  it('answers 503 when the h2c endpoint refuses connections', async () => {
    const reply = await send({ host: PROXY_HOST, port: gw.port, path: '/dead' });
    assert.equal(reply.status, 503);
    assert.match(reply.text, /ECONNREFUSED/);
  });
});
