// Route timeouts and retries through a real proxy to a backend that fails or stalls on demand:
// 504 when a timeout expires (bounded timings), retries on the listed codes and on connection
// failures up to the attempts, with backoff, the last attempt's answer passed on, bodies resent.

import assert from 'node:assert/strict';
import type { RetryIR, RouteRuleIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { freePort } from './free-port.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';
import { type RecordedRequest, type RecordingServer, startRecordingServer } from './recording-server.ts';

const PROXY_HOST = '127.0.0.70';
const BACKEND = '127.0.0.71';

/**
 * `?id=X&fail=K&code=S`: the first K requests with that id get status S; `&slow=ms` delays the
 * answer (`&slowFirst=ms` only the first request of the id).
 */
function flakyAnswer(server: RecordingServer) {
  return (request: RecordedRequest, res: import('node:http').ServerResponse): void => {
    const query = new URL(request.url, 'http://x').searchParams;
    const id = query.get('id') ?? '';
    const seen = server.requests.filter((r) => new URL(r.url, 'http://x').searchParams.get('id') === id).length;
    const fail = Number(query.get('fail') ?? '0');
    const status = seen <= fail ? Number(query.get('code') ?? '500') : 200;
    const delay = Number(query.get('slow') ?? (seen === 1 ? (query.get('slowFirst') ?? '0') : '0'));
    setTimeout(() => {
      if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end(`attempt ${seen}`);
    }, delay);
  };
}

describe('timeouts and retries (integration)', function () {
  this.timeout(30_000);
  let gw: ProxyUnderTest;
  let backend: RecordingServer;
  let nextId = 0;

  before(async () => {
    backend = await startRecordingServer(BACKEND);
    backend.answer = flakyAnswer(backend);
    const deadPort = await freePort(BACKEND);
    gw = await startProxyUnderTest(PROXY_HOST, { filters: { retryBufferBytes: 64 * 1024 } });
    const alive = { address: BACKEND, port: backend.port };
    const dead = { address: BACKEND, port: deadPort };
    const rule = (name: string, extra: Partial<RouteRuleIR>, endpoints = [alive]) => prefixRule(`ns/${name}/rule/0/match/0`, `/${name}`, [service('ns/b:80', endpoints)], extra);
    const retry = (partial: Partial<RetryIR>): RetryIR => ({ codes: [500, 502, 503, 504], attempts: 3, backoffMs: 0, ...partial });
    await gw.publish([
      rule('request-timeout', { timeouts: { requestMs: 500 } }),
      rule('backend-timeout', { timeouts: { backendRequestMs: 500 } }),
      rule('disabled-timeout', { timeouts: { requestMs: 0, backendRequestMs: 0 } }),
      rule('retry-500', { retry: retry({ codes: [500] }) }),
      rule('retry-backoff', { retry: retry({ attempts: 2, backoffMs: 250 }) }),
      rule('retry-connect', { retry: retry({ codes: [], attempts: 2 }) }, [dead, alive]),
      rule('no-retry-connect', {}, [dead, alive]),
      rule('retry-slow-attempt', { retry: retry({ attempts: 2 }), timeouts: { backendRequestMs: 300 } }),
      rule('retry-within-request-timeout', { retry: retry({ attempts: 10, backoffMs: 100 }), timeouts: { requestMs: 450 } }),
    ]);
  });

  after(async () => {
    await gw?.close();
    await backend?.close();
  });

  const requestsOf = (id: string) => backend.requests.filter((r) => r.url.includes(`id=${id}&`) || r.url.endsWith(`id=${id}`));
  async function timed(path: string, options: { method?: string; body?: Buffer } = {}) {
    const started = Date.now();
    const reply = await send({ host: PROXY_HOST, port: gw.port, path, ...options });
    return { ...reply, ms: Date.now() - started };
  }
  const id = (): string => `t${++nextId}`;

  it('answers 504 when the request timeout expires, and forwards normally within it', async () => {
    const slow = await timed(`/request-timeout?id=${id()}&slow=1500`);
    assert.equal(slow.status, 504);
    assert.match(slow.text, /request timeout/);
    assert.ok(slow.ms >= 450 && slow.ms < 1200, `504 after ${slow.ms} ms`);
    assert.equal((await timed(`/request-timeout?id=${id()}`)).status, 200);
  });

  it('answers 504 when the backend request timeout expires', async () => {
    const slow = await timed(`/backend-timeout?id=${id()}&slow=1500`);
    assert.equal(slow.status, 504);
    assert.match(slow.text, /upstream request timeout: .* \(PROXY_BACKEND_REQUEST_TIMEOUT\)/);
    assert.ok(slow.ms >= 450 && slow.ms < 1200, `504 after ${slow.ms} ms`);
  });

  it('takes 0 as no timeout', async () => {
    const slow = await timed(`/disabled-timeout?id=${id()}&slow=800`);
    assert.equal(slow.status, 200);
  });

  it('retries a listed code until an attempt succeeds, within the attempts', async () => {
    const ok = id();
    const reply = await timed(`/retry-500?id=${ok}&fail=2&code=500`);
    assert.equal(reply.status, 200);
    assert.equal(reply.text, 'attempt 3');
    assert.equal(requestsOf(ok).length, 3);
  });

  it("passes the last attempt's answer on when every attempt fails, and does not retry other codes", async () => {
    const exhausted = id();
    const reply = await timed(`/retry-500?id=${exhausted}&fail=4&code=500`);
    assert.equal(reply.status, 500);
    assert.equal(reply.text, 'attempt 3');
    assert.equal(requestsOf(exhausted).length, 3);
    const unlisted = id();
    assert.equal((await timed(`/retry-500?id=${unlisted}&fail=2&code=503`)).status, 503);
    assert.equal(requestsOf(unlisted).length, 1);
  });

  it('waits at least the backoff between attempts', async () => {
    const backoff = id();
    assert.equal((await timed(`/retry-backoff?id=${backoff}&fail=1&code=502`)).status, 200);
    const [first, second] = requestsOf(backoff);
    assert.ok(first && second);
    assert.ok(second.at - first.at >= 240, `retried after ${second.at - first.at} ms`);
  });

  it('retries a connection failure on the next endpoint; without retry it is a 503', async () => {
    // Round-robin starts at the dead endpoint for each new IR: the first request meets it.
    assert.equal((await timed(`/retry-connect?id=${id()}`)).status, 200);
    assert.equal((await timed(`/retry-connect?id=${id()}`)).status, 200);
    const statuses = [(await timed(`/no-retry-connect?id=${id()}`)).status, (await timed(`/no-retry-connect?id=${id()}`)).status];
    assert.deepEqual(statuses.sort(), [200, 503]);
  });

  it('retries an attempt that exceeded the backend request timeout', async () => {
    const slowFirst = id();
    const reply = await timed(`/retry-slow-attempt?id=${slowFirst}&slowFirst=2000`);
    assert.equal(reply.status, 200);
    assert.equal(reply.text, 'attempt 2');
    assert.ok(reply.ms >= 280 && reply.ms < 1500, `answered after ${reply.ms} ms`);
  });

  it('stops retrying when the request timeout expires', async () => {
    const always = id();
    const reply = await timed(`/retry-within-request-timeout?id=${always}&fail=100&code=503`);
    assert.equal(reply.status, 504);
    assert.ok(reply.ms >= 400 && reply.ms < 1000, `504 after ${reply.ms} ms`);
    const attempts = requestsOf(always).length;
    assert.ok(attempts >= 2 && attempts <= 6, `${attempts} attempts in 450 ms with a 100 ms backoff`);
  });

  it('resends a buffered request body on each attempt', async () => {
    const post = id();
    const body = Buffer.alloc(32 * 1024, 9);
    const reply = await timed(`/retry-500?id=${post}&fail=1&code=500`, { method: 'POST', body });
    assert.equal(reply.status, 200);
    const attempts = requestsOf(post);
    assert.equal(attempts.length, 2);
    for (const attempt of attempts) assert.ok(attempt.body.equals(body), 'body intact on every attempt');
  });

  it('streams a body larger than the retry buffer once and does not retry it', async () => {
    const big = id();
    const body = Buffer.alloc(512 * 1024, 4);
    const reply = await timed(`/retry-500?id=${big}&fail=1&code=500`, { method: 'POST', body });
    assert.equal(reply.status, 500);
    const attempts = requestsOf(big);
    assert.equal(attempts.length, 1);
    assert.ok(attempts[0]?.body.equals(body));
  });
});
