// The CORS filter through a real proxy: preflights answered by the proxy itself (the backend never
// sees them), actual requests answered by the backend with Access-Control-* headers added for
// allowed origins only.

import assert from 'node:assert/strict';
import type { CorsIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';
import { type RecordingServer, startRecordingServer } from './recording-server.ts';

const PROXY_HOST = '127.0.0.68';
const BACKEND = '127.0.0.69';

function cors(partial: Partial<CorsIR>): CorsIR {
  return { type: 'CORS', allowOrigins: [], allowMethods: [], allowHeaders: [], exposeHeaders: [], allowCredentials: false, maxAgeSeconds: 5, ...partial };
}

describe('CORS filter (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let backend: RecordingServer;

  before(async () => {
    backend = await startRecordingServer(BACKEND);
    backend.answer = (_request, res) => {
      // A backend with CORS headers of its own: the filter's must replace them, not sit beside them.
      res.writeHead(200, { 'access-control-allow-origin': 'https://backend.example', vary: 'Accept-Encoding' }).end('ok');
    };
    gw = await startProxyUnderTest(PROXY_HOST);
    const backends = [service('ns/b:80', [{ address: BACKEND, port: backend.port }])];
    await gw.publish([
      prefixRule('ns/cors/rule/0/match/0', '/cors-1', backends, {
        filters: [
          cors({
            allowOrigins: ['https://www.foo.com', 'https://*.bar.com'],
            allowMethods: ['GET', 'OPTIONS'],
            allowHeaders: ['x-header-1', 'x-header-2'],
            exposeHeaders: ['x-header-3', 'x-header-4'],
            allowCredentials: true,
            maxAgeSeconds: 3600,
          }),
        ],
      }),
      prefixRule('ns/cors/rule/1/match/0', '/cors-wildcard-origin', backends, { filters: [cors({ allowOrigins: ['*'], allowMethods: ['PUT'] })] }),
    ]);
  });

  after(async () => {
    await gw?.close();
    await backend?.close();
  });

  const request = (path: string, method: string, headers: Record<string, string>) => send({ host: PROXY_HOST, port: gw.port, path, method, headers });

  it('answers a preflight from an allowed origin itself, with every configured header', async () => {
    const before = backend.requests.length;
    const reply = await request('/cors-1', 'OPTIONS', {
      Origin: 'https://xpto.www.bar.com',
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'x-header-1, x-header-2',
    });
    assert.equal(reply.status, 204);
    assert.equal(reply.headers['access-control-allow-origin'], 'https://xpto.www.bar.com');
    assert.equal(reply.headers['access-control-allow-methods'], 'GET, OPTIONS');
    assert.equal(reply.headers['access-control-allow-headers'], 'x-header-1, x-header-2');
    assert.equal(reply.headers['access-control-expose-headers'], 'x-header-3, x-header-4');
    assert.equal(reply.headers['access-control-max-age'], '3600');
    assert.equal(reply.headers['access-control-allow-credentials'], 'true');
    assert.equal(backend.requests.length, before, 'the backend never sees a preflight');
  });

  it('answers a preflight from another origin without CORS headers', async () => {
    const reply = await request('/cors-1', 'OPTIONS', { Origin: 'https://foobar.com', 'Access-Control-Request-Method': 'GET' });
    assert.equal(reply.status, 204);
    assert.equal(reply.headers['access-control-allow-origin'], undefined);
    assert.equal(reply.headers['access-control-allow-methods'], undefined);
  });

  it("adds the CORS headers to an allowed actual request's answer, replacing the backend's own", async () => {
    const reply = await request('/cors-1', 'GET', { Origin: 'https://www.foo.com' });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['access-control-allow-origin'], 'https://www.foo.com');
    assert.equal(reply.headers['access-control-allow-credentials'], 'true');
    assert.equal(reply.headers['access-control-expose-headers'], 'x-header-3, x-header-4');
    assert.equal(reply.headers.vary, 'Accept-Encoding, Origin');
  });

  it('leaves the answer to a disallowed origin without the filter headers', async () => {
    const reply = await request('/cors-1', 'GET', { Origin: 'https://foobar.com' });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['access-control-allow-origin'], 'https://backend.example');
    assert.equal(reply.headers['access-control-allow-credentials'], undefined);
  });

  it('forwards an OPTIONS request that is not a preflight', async () => {
    const before = backend.requests.length;
    const reply = await request('/cors-1', 'OPTIONS', { Origin: 'https://www.foo.com' });
    assert.equal(reply.status, 200);
    assert.equal(backend.requests.length, before + 1);
  });

  it('sends * for a wildcard origin without credentials', async () => {
    const preflight = await request('/cors-wildcard-origin', 'OPTIONS', { Origin: 'https://foobar.com:12345', 'Access-Control-Request-Method': 'PUT' });
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.equal(preflight.headers['access-control-allow-methods'], 'PUT');
    assert.equal(preflight.headers['access-control-allow-credentials'], undefined);
    const actual = await request('/cors-wildcard-origin', 'PUT', { Origin: 'https://foobar.com:12345' });
    assert.equal(actual.headers['access-control-allow-origin'], '*');
  });
});
