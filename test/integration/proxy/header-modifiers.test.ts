// RequestHeaderModifier and ResponseHeaderModifier through a real proxy to echo backends, on rules
// and on individual backendRefs of a weighted rule.

import assert from 'node:assert/strict';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, requestHeaders, responseHeaders, service, startProxyUnderTest } from './proxy-under-test.ts';

const PROXY_HOST = '127.0.0.61';
const ECHO_A = '127.0.0.62';
const ECHO_B = '127.0.0.63';

interface Echoed {
  pod: string;
  headers: Record<string, string[]>;
}

describe('header modifier filters (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let echoA: EchoServer;
  let echoB: EchoServer;

  before(async () => {
    const context = { namespace: 'ns', ingress: '', service: '' };
    echoA = await startEchoServer({ host: ECHO_A, port: 0, context: { ...context, pod: 'pod-a' } });
    echoB = await startEchoServer({ host: ECHO_B, port: 0, context: { ...context, pod: 'pod-b' } });
    gw = await startProxyUnderTest(PROXY_HOST);
    const a = [{ address: ECHO_A, port: echoA.port }];
    const b = [{ address: ECHO_B, port: echoB.port }];
    await gw.publish([
      prefixRule('ns/req/rule/0/match/0', '/request', [service('ns/a:80', a)], {
        filters: [requestHeaders([['x-header-set', 'set-overwrites-values']], [['X-Header-Add', 'header-val-1'], ['x-header-add-append', 'header-val-2']], ['X-HEADER-REMOVE'])],
      }),
      prefixRule('ns/resp/rule/0/match/0', '/response', [service('ns/a:80', a)], {
        filters: [responseHeaders([['X-Header-Set', 'set-overwrites-values']], [['X-Header-Add', 'add-appends-values']], ['x-header-remove'])],
      }),
      prefixRule('ns/split/rule/0/match/0', '/split', [
        service('ns/a:80', a, { filters: [requestHeaders([['X-Backend', 'a'], ['X-Order', 'backend']]), responseHeaders([], [['x-from', 'a']])] }),
        service('ns/b:80', b, { filters: [requestHeaders([['X-Backend', 'b']])] }),
      ], { filters: [requestHeaders([['X-Rule', 'r'], ['X-Order', 'rule']])] }),
    ]);
  });

  after(async () => {
    await gw?.close();
    await Promise.all([echoA?.close(), echoB?.close()]);
  });

  it('sets, adds and removes request headers, names compared case-insensitively', async () => {
    const reply = await send({
      host: PROXY_HOST,
      port: gw.port,
      path: '/request',
      headers: { 'X-HEADER-SET': 'client-value', 'X-Header-Remove': 'remove-val', 'X-Header-Add-Append': 'append-val-1', 'X-Other': 'kept' },
    });
    assert.equal(reply.status, 200);
    const { headers } = JSON.parse(reply.text) as Echoed;
    assert.deepEqual(headers['X-Header-Set'], ['set-overwrites-values']);
    assert.deepEqual(headers['X-Header-Add'], ['header-val-1']);
    assert.deepEqual(headers['X-Header-Add-Append'], ['append-val-1', 'header-val-2']);
    assert.deepEqual(headers['X-Other'], ['kept']);
    assert.equal(headers['X-Header-Remove'], undefined);
  });

  it('sets, adds and removes response headers', async () => {
    const reply = await send({
      host: PROXY_HOST,
      port: gw.port,
      path: '/response',
      headers: { 'X-Echo-Set-Header': 'x-header-set: some-other-value, X-Header-Add: some-other-value, x-header-remove: val, Another: kept' },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['x-header-set'], 'set-overwrites-values');
    assert.equal(reply.headers['x-header-add'], 'some-other-value, add-appends-values');
    assert.equal(reply.headers['x-header-remove'], undefined);
    assert.equal(reply.headers.another, 'kept');
  });

  it("applies a backendRef's filters only to requests sent to that backend, after the rule's", async () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const reply = await send({ host: PROXY_HOST, port: gw.port, path: '/split' });
      const { pod, headers } = JSON.parse(reply.text) as Echoed;
      seen.set(pod, (seen.get(pod) ?? 0) + 1);
      assert.deepEqual(headers['X-Rule'], ['r']);
      if (pod === 'pod-a') {
        assert.deepEqual(headers['X-Backend'], ['a']);
        assert.deepEqual(headers['X-Order'], ['backend']);
        assert.equal(reply.headers['x-from'], 'a');
      } else {
        assert.deepEqual(headers['X-Backend'], ['b']);
        assert.deepEqual(headers['X-Order'], ['rule']);
        assert.equal(reply.headers['x-from'], undefined);
      }
    }
    assert.ok((seen.get('pod-a') ?? 0) > 5 && (seen.get('pod-b') ?? 0) > 5, `both backends used: ${JSON.stringify([...seen])}`);
  });
});
