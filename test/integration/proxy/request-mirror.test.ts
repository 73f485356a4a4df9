// RequestMirror through a real proxy: copies reach one or several mirror backends with the body and
// the headers as the filters before the mirror left them; fractions are honoured; a slow, dead or
// invalid mirror never delays or fails the client's answer.

import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { eventually } from '../../../packages/local-cluster/test/support/eventually.ts';
import type { BackendIR, HttpFilterIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { freePort } from './free-port.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, requestHeaders, service, startProxyUnderTest } from './proxy-under-test.ts';
import { type RecordingServer, startRecordingServer } from './recording-server.ts';

const PROXY_HOST = '127.0.0.66';
const BACKENDS = '127.0.0.67';

function mirror(backend: BackendIR, numerator = 1, denominator = 1): HttpFilterIR {
  return { type: 'RequestMirror', backend, fraction: { numerator, denominator } };
}

describe('request mirror filter (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let main: RecordingServer;
  let m1: RecordingServer;
  let m2: RecordingServer;
  let stalled: RecordingServer;
  // Accepts connections and never reads from them: a mirror whose body copy cannot drain.
  let unreading: Server;
  const unreadSockets: Socket[] = [];

  before(async () => {
    main = await startRecordingServer(BACKENDS);
    m1 = await startRecordingServer(BACKENDS);
    m2 = await startRecordingServer(BACKENDS);
    stalled = await startRecordingServer(BACKENDS);
    // Never answers: a mirror that hangs.
    stalled.answer = () => {};
    const deadPort = await freePort(BACKENDS);
    unreading = createTcpServer((socket) => {
      socket.pause();
      unreadSockets.push(socket);
    });
    await new Promise<void>((r) => unreading.listen(0, BACKENDS, r));
    const unreadingPort = (unreading.address() as { port: number }).port;
    gw = await startProxyUnderTest(PROXY_HOST, { filters: { mirrorTimeoutMs: 2000, mirrorLagBytes: 256 * 1024 } });
    const backend = (name: string, server: { port: number }) => service(`ns/${name}:80`, [{ address: BACKENDS, port: server.port }]);
    const rule = (name: string, prefix: string, filters: HttpFilterIR[]) => prefixRule(`ns/${name}/rule/0/match/0`, prefix, [backend('main', main)], { filters });
    await gw.publish([
      rule('one', '/mirror-one', [mirror(backend('m1', m1))]),
      rule('headers', '/mirror-headers', [requestHeaders([['X-Header-Set', 'set']], [], ['X-Header-Remove']), mirror(backend('m1', m1)), requestHeaders([['X-After-Mirror', 'late']])]),
      rule('two', '/mirror-two', [mirror(backend('m1', m1)), mirror(backend('m2', m2))]),
      rule('never', '/mirror-never', [mirror(backend('m1', m1), 0, 100)]),
      rule('half', '/mirror-half', [mirror(backend('m2', m2), 1, 2)]),
      rule('stalled', '/mirror-stalled', [mirror(backend('stalled', stalled))]),
      rule('dead', '/mirror-dead', [mirror(service('ns/dead:80', [{ address: BACKENDS, port: deadPort }]))]),
      rule('unreading', '/mirror-unreading', [mirror(service('ns/unreading:80', [{ address: BACKENDS, port: unreadingPort }]))]),
      rule('invalid', '/mirror-invalid', [mirror({ kind: 'invalid', name: 'ns/missing:80', weight: 1, reason: 'Service not found' })]),
    ]);
  });

  after(async () => {
    await gw?.close();
    for (const socket of unreadSockets) socket.destroy();
    await Promise.all([...[main, m1, m2, stalled].map((s) => s?.close()), new Promise((r) => unreading?.close(r))]);
  });

  const copiesOf = (server: RecordingServer, path: string) => server.requests.filter((r) => r.url === path);

  it('sends a copy to the mirror backend and the request to the rule backend', async () => {
    const reply = await send({ host: PROXY_HOST, port: gw.port, path: '/mirror-one?id=1', headers: { 'X-Client': 'c' } });
    assert.equal(reply.status, 200);
    assert.equal(copiesOf(main, '/mirror-one?id=1').length, 1);
    const copy = await eventually('the mirrored copy', () => copiesOf(m1, '/mirror-one?id=1')[0]);
    assert.equal(copy.method, 'GET');
    assert.equal(copy.headers['x-client'], 'c');
  });

  it('mirrors the request body, streamed to both', async () => {
    const body = Buffer.alloc(256 * 1024, 3);
    body.write('mirrored body');
    const reply = await send({ host: PROXY_HOST, port: gw.port, path: '/mirror-one?id=body', method: 'POST', body });
    assert.equal(reply.status, 200);
    assert.ok(copiesOf(main, '/mirror-one?id=body')[0]?.body.equals(body), 'main request body intact');
    const copy = await eventually('the mirrored POST', () => copiesOf(m1, '/mirror-one?id=body')[0]);
    assert.equal(copy.method, 'POST');
    assert.ok(copy.body.equals(body), 'mirrored body intact');
  });

  it('copies the request as the filters before the mirror left it', async () => {
    await send({ host: PROXY_HOST, port: gw.port, path: '/mirror-headers', headers: { 'X-Header-Remove': 'x', 'X-Header-Set': 'client' } });
    const copy = await eventually('the mirrored copy', () => copiesOf(m1, '/mirror-headers')[0]);
    assert.equal(copy.headers['x-header-set'], 'set');
    assert.equal(copy.headers['x-header-remove'], undefined);
    assert.equal(copy.headers['x-after-mirror'], undefined, 'a filter after the mirror does not reach the copy');
    const sent = copiesOf(main, '/mirror-headers')[0];
    assert.equal(sent?.headers['x-after-mirror'], 'late');
  });

  it('sends one copy to each of several mirrors', async () => {
    await send({ host: PROXY_HOST, port: gw.port, path: '/mirror-two' });
    await eventually('copies at both mirrors', () => copiesOf(m1, '/mirror-two').length === 1 && copiesOf(m2, '/mirror-two').length === 1);
  });

  it('honours the fraction: 0/100 never, 1/2 about half of the requests', async () => {
    for (let i = 0; i < 100; i++) {
      assert.equal((await send({ host: PROXY_HOST, port: gw.port, path: '/mirror-never' })).status, 200);
      assert.equal((await send({ host: PROXY_HOST, port: gw.port, path: '/mirror-half' })).status, 200);
    }
    // Copies are sent before the answer comes back; give the last ones a moment.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(copiesOf(m1, '/mirror-never').length, 0);
    const half = copiesOf(m2, '/mirror-half').length;
    // Binomial(100, 0.5): 5 standard deviations either side.
    assert.ok(half >= 25 && half <= 75, `mirrored ${half} of 100`);
  });

  it('answers the client without waiting for a mirror that never answers, or one that is down or invalid', async () => {
    for (const path of ['/mirror-stalled', '/mirror-dead', '/mirror-invalid']) {
      const started = Date.now();
      const reply = await send({ host: PROXY_HOST, port: gw.port, path });
      assert.equal(reply.status, 200, path);
      assert.ok(Date.now() - started < 1000, `${path} answered in ${Date.now() - started} ms`);
      assert.equal(copiesOf(main, path).length, 1);
    }
    await eventually('the stalled mirror got its copy', () => copiesOf(stalled, '/mirror-stalled').length === 1);
  });

  it('drops the copy of a mirror that cannot keep up with the body; the main request is not held back', async () => {
    const body = Buffer.alloc(8 * 1024 * 1024, 5);
    const started = Date.now();
    const reply = await send({ host: PROXY_HOST, port: gw.port, path: '/mirror-unreading', method: 'POST', body, timeoutMs: 4000 });
    assert.equal(reply.status, 200);
    assert.ok(Date.now() - started < 1500, `answered in ${Date.now() - started} ms`);
    assert.equal(copiesOf(main, '/mirror-unreading')[0]?.body.length, body.length);
  });
});
