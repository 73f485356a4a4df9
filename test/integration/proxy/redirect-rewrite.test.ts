// RequestRedirect answers and URLRewrite requests through a real proxy: exact Locations with the
// specification's port rules, rewritten Host and path as the echo backend saw them.

import assert from 'node:assert/strict';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import type { HttpFilterIR, RequestRedirectIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, requestHeaders, responseHeaders, service, startProxyUnderTest } from './proxy-under-test.ts';

const PROXY_HOST = '127.0.0.64';
const ECHO = '127.0.0.65';

function redirect(partial: Partial<RequestRedirectIR>): HttpFilterIR {
  return { type: 'RequestRedirect', statusCode: 302, ...partial };
}

describe('redirect and rewrite filters (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let echo: EchoServer;

  before(async () => {
    echo = await startEchoServer({ host: ECHO, port: 0, context: { namespace: 'ns', ingress: '', service: '', pod: 'echo' } });
    gw = await startProxyUnderTest(PROXY_HOST);
    const backends = [service('ns/echo:80', [{ address: ECHO, port: echo.port }])];
    const rule = (name: string, prefix: string, filters: HttpFilterIR[]) => prefixRule(`ns/${name}/rule/0/match/0`, prefix, backends, { filters });
    await gw.publish([
      rule('host', '/hostname-redirect', [redirect({ hostname: 'example.org', statusCode: 301 })]),
      rule('scheme', '/scheme', [redirect({ scheme: 'https' })]),
      rule('port', '/port', [redirect({ port: 8083, statusCode: 307 })]),
      rule('port80', '/to-port-80', [redirect({ hostname: 'example.org', port: 80 })]),
      rule('prefix', '/original-prefix', [redirect({ path: { type: 'ReplacePrefixMatch', prefix: '/original-prefix', value: '/replacement-prefix' }, statusCode: 308 })]),
      rule('full', '/full/path', [redirect({ path: { type: 'ReplaceFullPath', value: '/full-path-replacement' }, statusCode: 303 }), responseHeaders([['X-Redirected', 'yes']])]),
      rule('rewrite-prefix', '/prefix/one', [{ type: 'URLRewrite', hostname: 'rewritten.example.com', path: { type: 'ReplacePrefixMatch', prefix: '/prefix/one', value: '/one' } }]),
      rule('rewrite-strip', '/strip-prefix', [{ type: 'URLRewrite', path: { type: 'ReplacePrefixMatch', prefix: '/strip-prefix', value: '/' } }]),
      rule('rewrite-full', '/rewrite-full', [{ type: 'URLRewrite', path: { type: 'ReplaceFullPath', value: '/test' } }, requestHeaders([['X-Header-Set', 'set']])]),
    ]);
  });

  after(async () => {
    await gw?.close();
    await echo?.close();
  });

  const get = (path: string, host = 'gw.example.com:31000') => send({ host: PROXY_HOST, port: gw.port, path, headers: { host } });

  it('redirects with the filter hostname and status; no scheme or port means the listener port', async () => {
    const reply = await get('/hostname-redirect?id=7');
    assert.equal(reply.status, 301);
    assert.equal(reply.headers.location, `http://example.org:${gw.port}/hostname-redirect?id=7`);
    assert.equal(reply.body.length, 0);
  });

  it('a scheme without a port takes its well-known port, left out of the Location', async () => {
    const reply = await get('/scheme');
    assert.equal(reply.status, 302);
    assert.equal(reply.headers.location, 'https://gw.example.com/scheme');
  });

  it('an explicit port is kept unless it is the scheme default', async () => {
    const port = await get('/port');
    assert.equal(port.status, 307);
    assert.equal(port.headers.location, 'http://gw.example.com:8083/port');
    assert.equal((await get('/to-port-80')).headers.location, 'http://example.org/to-port-80');
  });

  it('replaces the path prefix or the full path', async () => {
    const prefix = await get('/original-prefix/lemon?x=1');
    assert.equal(prefix.status, 308);
    assert.equal(prefix.headers.location, `http://gw.example.com:${gw.port}/replacement-prefix/lemon?x=1`);
    const full = await get('/full/path/original');
    assert.equal(full.status, 303);
    assert.equal(full.headers.location, `http://gw.example.com:${gw.port}/full-path-replacement`);
    assert.equal(full.headers['x-redirected'], 'yes', "the rule's ResponseHeaderModifier decorates the redirect too");
  });

  it('rewrites Host and the path prefix before forwarding, keeping the query', async () => {
    const reply = await get('/prefix/one/two?q=1');
    const echoed = JSON.parse(reply.text) as { host: string; path: string };
    assert.equal(echoed.host, 'rewritten.example.com');
    assert.equal(echoed.path, '/one/two?q=1');
    const stripped = JSON.parse((await get('/strip-prefix/three')).text) as { host: string; path: string };
    assert.equal(stripped.path, '/three');
    assert.equal(stripped.host, 'gw.example.com:31000', 'a rewrite without hostname keeps Host');
    assert.equal((JSON.parse((await get('/strip-prefix')).text) as { path: string }).path, '/');
  });

  it('rewrites the full path and applies the header filter after it', async () => {
    const echoed = JSON.parse((await get('/rewrite-full/a/b')).text) as { path: string; headers: Record<string, string[]> };
    assert.equal(echoed.path, '/test');
    assert.deepEqual(echoed.headers['X-Header-Set'], ['set']);
  });
});
