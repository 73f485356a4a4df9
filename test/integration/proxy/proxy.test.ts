// The proxy end to end on loopback: echo backends, a config server streaming IR versions, real requests.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import pino from 'pino';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { type BackendIR, type GatewayIR, IR_SCHEMA_VERSION, type PortListenerIR, type RouteRuleIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { seededRandom } from '../../../reference-impl/proxy/backend/seeded-random.ts';
import { type RunningProxy, startProxy } from '../../../reference-impl/proxy/proxy.ts';
import { freePort } from './free-port.ts';
import { podOf, send } from './http-client.ts';
import { startTestConfigServer, type TestConfigServer } from './test-config-server.ts';

const PROXY_HOST = '127.0.0.41';
const ECHO_A_HOST = '127.0.0.42';
const ECHO_B_HOST = '127.0.0.43';
const ns = 'gateway-conformance-infra';

function backend(name: string, address: string, port: number, weight = 1): BackendIR {
  return { kind: 'service', name, weight, protocol: 'http', filters: [], endpoints: [{ address, port }] };
}

function prefixRule(id: string, prefix: string, backends: BackendIR[], headers: RouteRuleIR['match']['headers'] = []): RouteRuleIR {
  return { id, match: { path: { type: 'PathPrefix', value: prefix }, headers, queryParams: [] }, filters: [], backends };
}

function gatewayIR(listeners: PortListenerIR[]): GatewayIR {
  return { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: ns, name: 'gw' }, listeners };
}

describe('reference proxy (integration)', function () {
  this.timeout(20_000);

  let echoA: EchoServer;
  let echoB: EchoServer;
  let bodyEcho: Server;
  let bodyEchoPort: number;
  let config: TestConfigServer;
  let proxy: RunningProxy;
  let port1: number;
  let port2: number;
  let deadPort: number;
  let version = 0;

  const a = (): BackendIR => backend(`${ns}/a:8080`, ECHO_A_HOST, echoA.port);
  const b = (): BackendIR => backend(`${ns}/b:8080`, ECHO_B_HOST, echoB.port);

  /** The rules most tests use; `swapped` sends /slow to B instead of A. */
  function baseRules(swapped: boolean): RouteRuleIR[] {
    return [
      prefixRule(`${ns}/r/rule/0/match/0`, '/slow', [swapped ? b() : a()]),
      prefixRule(`${ns}/r/rule/1/match/0`, '/by-header', [b()], [{ type: 'Exact', name: 'version', value: 'two' }]),
      prefixRule(`${ns}/r/rule/2/match/0`, '/by-header', [a()]),
      prefixRule(`${ns}/r/rule/3/match/0`, '/invalid', [{ kind: 'invalid', name: `${ns}/missing:80`, weight: 1, reason: 'Service not found' }]),
      prefixRule(`${ns}/r/rule/4/match/0`, '/empty', [{ kind: 'service', name: `${ns}/empty:80`, weight: 1, protocol: 'http', filters: [], endpoints: [] }]),
      prefixRule(`${ns}/r/rule/5/match/0`, '/dead', [backend(`${ns}/dead:80`, ECHO_A_HOST, deadPort)]),
      prefixRule(`${ns}/r/rule/6/match/0`, '/body', [backend(`${ns}/body:80`, ECHO_A_HOST, bodyEchoPort)]),
      prefixRule(`${ns}/r/rule/7/match/0`, '/b', [b()]),
      prefixRule(`${ns}/r/rule/8/match/0`, '/a', [a()]),
    ];
  }

  async function publish(listeners: PortListenerIR[]): Promise<void> {
    version += 1;
    config.publish({ version, ir: gatewayIR(listeners) });
    await proxy.whenVersionApplied(version, 5000);
  }

  const port1Listener = (swapped = false): PortListenerIR => ({
    port: port1,
    protocol: 'HTTP',
    virtualHosts: [{ hostname: 'foo.example.com', rules: baseRules(swapped) }],
  });

  before(async () => {
    const context = { namespace: ns, ingress: '', service: '' };
    echoA = await startEchoServer({ host: ECHO_A_HOST, port: 0, context: { ...context, pod: 'pod-a' } });
    echoB = await startEchoServer({ host: ECHO_B_HOST, port: 0, context: { ...context, pod: 'pod-b' } });
    // Echoes the request body back, to check streaming in both directions.
    bodyEcho = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-upstream': 'body-echo' });
      req.pipe(res);
    });
    await new Promise<void>((resolve) => bodyEcho.listen(0, ECHO_A_HOST, resolve));
    bodyEchoPort = (bodyEcho.address() as AddressInfo).port;
    deadPort = await freePort(ECHO_A_HOST);
    port1 = await freePort(PROXY_HOST);
    port2 = await freePort(PROXY_HOST);
    config = await startTestConfigServer('127.0.0.1', ns, 'gw');
    proxy = await startProxy({
      gateway: { namespace: ns, name: 'gw' },
      configServer: config.address,
      host: PROXY_HOST,
      adminPort: 0,
      logger: pino({ level: 'silent' }),
      random: seededRandom(1),
      upstream: { headersTimeoutMs: 1000 },
      reconnect: { initialBackoffMs: 20, maxBackoffMs: 100 },
      drainTimeoutMs: 3000,
      bindRetryMs: 50,
    });
  });

  after(async () => {
    await proxy?.close();
    await Promise.all([echoA?.close(), echoB?.close(), config?.close(), new Promise((r) => bodyEcho?.close(r))]);
  });

  it('is not ready before the first IR, ready once applied and listening', async () => {
    const notReady = await send({ host: PROXY_HOST, port: proxy.adminPort, path: '/ready' });
    assert.equal(notReady.status, 503);
    assert.equal((await send({ host: PROXY_HOST, port: proxy.adminPort, path: '/healthz' })).status, 200);
    await publish([port1Listener()]);
    const ready = await send({ host: PROXY_HOST, port: proxy.adminPort, path: '/ready' });
    assert.equal(ready.status, 200);
    assert.deepEqual(proxy.listeningPorts(), [port1]);
  });

  it('routes by path and by header, keeping Host and adding X-Forwarded-*', async () => {
    const target = { host: PROXY_HOST, port: port1, headers: { host: 'foo.example.com' } };
    assert.equal(await podOf({ ...target, path: '/a' }), 'pod-a');
    assert.equal(await podOf({ ...target, path: '/b/x' }), 'pod-b');
    assert.equal(await podOf({ ...target, path: '/by-header' }), 'pod-a');
    assert.equal(await podOf({ ...target, path: '/by-header', headers: { host: 'foo.example.com', version: 'two' } }), 'pod-b');
    const hopHeaders = { host: 'foo.example.com', connection: 'close, x-hop-secret', 'x-hop-secret': '1' };
    const reply = await send({ ...target, path: '/a?q=1', headers: hopHeaders });
    const echo = JSON.parse(reply.text) as { host: string; path: string; headers: Record<string, string[]> };
    assert.equal(echo.host, 'foo.example.com');
    assert.equal(echo.path, '/a?q=1');
    assert.deepEqual(echo.headers['X-Forwarded-For'], ['127.0.0.1']);
    assert.deepEqual(echo.headers['X-Forwarded-Proto'], ['http']);
    // The client's connection-level headers stay on the client's connection.
    assert.equal(echo.headers['X-Hop-Secret'], undefined);
    assert.ok(!(echo.headers.Connection ?? []).join().includes('close'));
  });

  it('answers 404 for an unknown path or host, 500 for an invalid backend, 503 without endpoints', async () => {
    const target = { host: PROXY_HOST, port: port1, headers: { host: 'foo.example.com' } };
    assert.equal((await send({ ...target, path: '/nothing-here' })).status, 404);
    assert.equal((await send({ ...target, path: '/a', headers: { host: 'bar.example.com' } })).status, 404);
    const invalid = await send({ ...target, path: '/invalid' });
    assert.equal(invalid.status, 500);
    assert.match(invalid.text, /missing:80/);
    const empty = await send({ ...target, path: '/empty' });
    assert.equal(empty.status, 503);
    assert.match(empty.text, /no healthy endpoints/);
  });

  it('answers 503 when the upstream refuses connections and 504 when it is too slow', async () => {
    const target = { host: PROXY_HOST, port: port1, headers: { host: 'foo.example.com' } };
    const dead = await send({ ...target, path: '/dead' });
    assert.equal(dead.status, 503);
    assert.match(dead.text, /upstream connect error/);
    const slow = await send({ ...target, path: '/slow?delay=1500ms' });
    assert.equal(slow.status, 504);
    assert.match(slow.text, /timeout/);
  });

  it('streams request and response bodies both ways', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 7);
    body.write('start');
    const reply = await send({ host: PROXY_HOST, port: port1, path: '/body', method: 'POST', headers: { host: 'foo.example.com' }, body });
    const open = await new Promise<number>((r) => bodyEcho.getConnections((_e, n) => r(n)));
    assert.equal(open, 1, 'the proxy keeps its upstream connection alive');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['x-upstream'], 'body-echo');
    assert.equal(reply.body.length, body.length);
    assert.ok(reply.body.equals(body));
  });

  it('swaps to a new IR while a slow request is in flight: it completes, new requests follow the new IR', async () => {
    const target = { host: PROXY_HOST, port: port1, headers: { host: 'foo.example.com' } };
    const inFlight = send({ ...target, path: '/slow?delay=500ms' });
    await new Promise((r) => setTimeout(r, 100));
    await publish([port1Listener(true)]);
    assert.equal(await podOf({ ...target, path: '/slow' }), 'pod-b');
    const finished = await inFlight;
    assert.equal(finished.status, 200);
    assert.equal((JSON.parse(finished.text) as { pod: string }).pod, 'pod-a');
  });

  it('opens an added listener port and closes a removed one', async () => {
    const second: PortListenerIR = { port: port2, protocol: 'HTTP', virtualHosts: [{ hostname: '*', rules: [prefixRule('p2', '/', [b()])] }] };
    await publish([port1Listener(), second]);
    assert.deepEqual(proxy.listeningPorts(), [port1, port2].sort((x, y) => x - y));
    assert.equal(await podOf({ host: PROXY_HOST, port: port2, path: '/anything' }), 'pod-b');
    await publish([second]);
    assert.deepEqual(proxy.listeningPorts(), [port2]);
    await assert.rejects(send({ host: PROXY_HOST, port: port1, path: '/a' }), /ECONNREFUSED/);
    // The body-echo endpoint left the IR with port1: its pooled keep-alive connection is closed.
    const openToBodyEcho = (): Promise<number> => new Promise((r) => bodyEcho.getConnections((_e, n) => r(n)));
    for (let i = 0; i < 40 && (await openToBodyEcho()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await openToBodyEcho(), 0);
    await publish([port1Listener()]);
  });

  it('is not ready while a listener port is taken, and binds it once it is free', async () => {
    const port3 = await freePort(PROXY_HOST);
    const squatter = createTcpServer();
    await new Promise<void>((r) => squatter.listen(port3, PROXY_HOST, r));
    const third: PortListenerIR = { port: port3, protocol: 'HTTP', virtualHosts: [{ hostname: '*', rules: [prefixRule('p3', '/', [a()])] }] };
    await publish([port1Listener(), third]);
    assert.equal((await send({ host: PROXY_HOST, port: proxy.adminPort, path: '/ready' })).status, 503);
    assert.deepEqual(proxy.listeningPorts(), [port1]);
    await new Promise((r) => squatter.close(r));
    let ready = 0;
    for (let i = 0; i < 40 && ready !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      ready = (await send({ host: PROXY_HOST, port: proxy.adminPort, path: '/ready' })).status;
    }
    assert.equal(ready, 200);
    assert.equal(await podOf({ host: PROXY_HOST, port: port3, path: '/x' }), 'pod-a');
    await publish([port1Listener()]);
  });

  it('keeps the current IR when a message has another schemaVersion, is malformed, or is null', async () => {
    const before = proxy.irVersion();
    config.publish({ version: version + 1, ir: { ...gatewayIR([]), schemaVersion: IR_SCHEMA_VERSION + 1 } as unknown as GatewayIR });
    config.publish('{not json');
    config.publish({ version: version + 2, ir: null });
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(proxy.irVersion(), before);
    assert.equal(await podOf({ host: PROXY_HOST, port: port1, path: '/a', headers: { host: 'foo.example.com' } }), 'pod-a');
    version += 2;
  });

  it('reconnects after the config stream breaks and applies what it missed', async () => {
    const connectionsBefore = config.connections();
    config.dropConnections();
    await publish([port1Listener(true)]);
    assert.ok(config.connections() > connectionsBefore);
    assert.equal(await podOf({ host: PROXY_HOST, port: port1, path: '/slow', headers: { host: 'foo.example.com' } }), 'pod-b');
  });

  it('counts requests by status class in /stats', async () => {
    const stats = JSON.parse((await send({ host: PROXY_HOST, port: proxy.adminPort, path: '/stats' })).text) as {
      requests: number;
      byStatusClass: Record<string, number>;
      irVersion: number;
      listeners: number[];
    };
    assert.equal(stats.irVersion, version);
    assert.deepEqual(stats.listeners, [port1]);
    assert.ok((stats.byStatusClass['2xx'] ?? 0) >= 8);
    assert.ok((stats.byStatusClass['4xx'] ?? 0) >= 2);
    assert.ok((stats.byStatusClass['5xx'] ?? 0) >= 4);
    assert.ok(stats.requests >= 14);
  });

  it('ignores an older version on the same stream but follows a restarted config server whose versions start over', async () => {
    const current = version;
    config.publish({ version: 1, ir: gatewayIR([port1Listener(false)]) });
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(proxy.irVersion(), current);
    assert.equal(await podOf({ host: PROXY_HOST, port: port1, path: '/slow', headers: { host: 'foo.example.com' } }), 'pod-b');
    // A restarted server sends its (low) version first on the new connection.
    config.dropConnections();
    for (let i = 0; i < 50 && proxy.irVersion() !== 1; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(proxy.irVersion(), 1);
    assert.equal(await podOf({ host: PROXY_HOST, port: port1, path: '/slow', headers: { host: 'foo.example.com' } }), 'pod-a');
  });
});
