// Rules that cannot be served answer 500 with the reason, and nothing else of the route breaks:
// the IR's own failures (an unsupported filter), filters the proxy cannot compile, and a backendRef
// whose filters cannot work (only requests picking that backend fail).

import assert from 'node:assert/strict';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, requestHeaders, service, startProxyUnderTest } from './proxy-under-test.ts';

const PROXY_HOST = '127.0.0.76';
const ECHO = '127.0.0.77';

describe('rules that cannot be served (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let echo: EchoServer;

  before(async () => {
    echo = await startEchoServer({ host: ECHO, port: 0, context: { namespace: 'ns', ingress: '', service: '', pod: 'echo' } });
    gw = await startProxyUnderTest(PROXY_HOST);
    const ok = service('ns/echo:80', [{ address: ECHO, port: echo.port }]);
    await gw.publish([
      prefixRule('ns/r/rule/0/match/0', '/unsupported', [ok], { failure: { reason: 'filter ExtensionRef example.com/Widget "w" is not supported' } }),
      prefixRule('ns/r/rule/1/match/0', '/uncompilable', [ok], { filters: [requestHeaders([['bad name', 'v']])] }),
      prefixRule('ns/r/rule/2/match/0', '/half-broken', [
        ok,
        service('ns/echo-broken:80', [{ address: ECHO, port: echo.port }], { filters: [{ type: 'URLRewrite', path: { type: 'ReplaceFullPath', value: 'no-slash' } }] }),
      ]),
      prefixRule('ns/r/rule/3/match/0', '/', [ok]),
    ]);
  });

  after(async () => {
    await gw?.close();
    await echo?.close();
  });

  const get = (path: string) => send({ host: PROXY_HOST, port: gw.port, path });

  it("answers 500 with the IR's reason for a failed rule, while the route's other rules serve", async () => {
    const failed = await get('/unsupported');
    assert.equal(failed.status, 500);
    assert.equal(failed.text, 'rule ns/r/rule/0/match/0 cannot be served: filter ExtensionRef example.com/Widget "w" is not supported\n');
    assert.equal((await get('/other')).status, 200);
  });

  it('answers 500 naming the filter the proxy cannot apply', async () => {
    const failed = await get('/uncompilable');
    assert.equal(failed.status, 500);
    assert.match(failed.text, /^rule ns\/r\/rule\/1\/match\/0 filters\[0\] \(RequestHeaderModifier\) set: header name "bad name" is not a valid HTTP header name/);
  });

  it('fails only the requests that pick a backendRef whose filters cannot work', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 30; i++) {
      const reply = await get('/half-broken');
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      if (reply.status === 500) assert.match(reply.text, /backends\[1\] \(ns\/echo-broken:80\) filters\[0\] \(URLRewrite\) path: ReplaceFullPath value "no-slash" must start with "\/"/);
    }
    assert.deepEqual([...statuses.keys()].sort(), [200, 500]);
  });

  it('counts these answers in /stats', async () => {
    const stats = JSON.parse((await send({ host: PROXY_HOST, port: gw.proxy.adminPort, path: '/stats' })).text) as { byStatusClass: Record<string, number> };
    assert.ok((stats.byStatusClass['5xx'] ?? 0) >= 2);
  });
});
