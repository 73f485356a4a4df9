// Hitless under change: under steady keep-alive load (bounded, loopback) the proxy takes 100 route swaps,
// some adding or removing another listener port, and a controller restart (its config server gone, then
// back with versions starting over and a new IR) without a single failed request. The controller side
// is the controller's own config server and IR registry, started in-process.

import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Socket } from 'node:net';
import pino from 'pino';
import { type RunningConfigServer, startConfigServer } from '../../../reference-impl/controller/config-server/config-server.ts';
import { IrRegistry } from '../../../reference-impl/controller/config-server/ir-registry.ts';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { type GatewayIR, IR_SCHEMA_VERSION, type PortListenerIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { type RunningProxy, startProxy } from '../../../reference-impl/proxy/proxy.ts';
import { freePort } from './free-port.ts';
import { podOf } from './http-client.ts';
import { prefixRule, service } from './proxy-under-test.ts';
import { startSteadyLoad } from './steady-load.ts';

const PROXY_HOST = '127.0.0.144';
const BACKEND_A = '127.0.0.145';
const BACKEND_B = '127.0.0.146';
const CONTROLLER_HOST = '127.0.0.147';
const GATEWAY = 'hitless/gw';
const LOAD = { workers: 4, paths: ['/load', '/load?delay=30ms', '/load/slow?delay=60ms'], maxRequests: 50_000, hostHeader: 'gw.example' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reference proxy: hitless under change (integration)', function () {
  this.timeout(60_000);
  let echoA: EchoServer;
  let echoB: EchoServer;
  let registry: IrRegistry;
  let controller: RunningConfigServer;
  let controllerPort: number;
  let proxy: RunningProxy;
  let port: number;
  let extraPort: number;

  const listener = (listenerPort: number, routeId: string, backend: EchoServer, host: string): PortListenerIR => ({
    port: listenerPort,
    protocol: 'HTTP',
    virtualHosts: [{ hostname: '*', rules: [prefixRule(routeId, '/', [service(routeId, [{ address: host, port: backend.port }])])] }],
  });
  const irOf = (listeners: PortListenerIR[]): GatewayIR => ({ schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: 'hitless', name: 'gw' }, listeners });

  async function publish(ir: GatewayIR): Promise<void> {
    registry.update(new Map([[GATEWAY, ir]]));
    await proxy.whenVersionApplied(registry.current(GATEWAY).version, 5000);
  }

  async function startController(): Promise<void> {
    registry = new IrRegistry();
    controller = await startConfigServer({ host: CONTROLLER_HOST, port: controllerPort, registry, isReady: () => true });
    controllerPort = controller.port;
  }

  before(async () => {
    const context = (pod: string) => ({ namespace: 'hitless', ingress: '', service: '', pod });
    echoA = await startEchoServer({ host: BACKEND_A, port: 0, context: context('a') });
    echoB = await startEchoServer({ host: BACKEND_B, port: 0, context: context('b') });
    port = await freePort(PROXY_HOST);
    extraPort = await freePort(PROXY_HOST);
    controllerPort = 0;
    await startController();
    proxy = await startProxy({
      gateway: { namespace: 'hitless', name: 'gw' },
      configServer: `${CONTROLLER_HOST}:${controllerPort}`,
      host: PROXY_HOST,
      adminPort: 0,
      logger: pino({ level: 'silent' }),
      reconnect: { initialBackoffMs: 20, maxBackoffMs: 200 },
      drainTimeoutMs: 2000,
    });
    await publish(irOf([listener(port, 'to-a', echoA, BACKEND_A)]));
  });

  after(async () => {
    await proxy?.close();
    await Promise.all([controller?.close(), echoA?.close(), echoB?.close()]);
  });

  it('swaps routes 100 times under steady load, adding and removing another port, with zero failed requests', async () => {
    const load = startSteadyLoad({ host: PROXY_HOST, port, ...LOAD });
    let extraSeen = 0;
    for (let swap = 1; swap <= 100; swap++) {
      const toB = swap % 2 === 1;
      const listeners = [toB ? listener(port, `to-b-${swap}`, echoB, BACKEND_B) : listener(port, `to-a-${swap}`, echoA, BACKEND_A)];
      // Swaps 11-20, 31-40, ...: a second port comes and goes while the first one carries the load.
      const withExtra = Math.floor((swap - 1) / 10) % 2 === 1;
      if (withExtra) listeners.push(listener(extraPort, `extra-${swap}`, echoA, BACKEND_A));
      await publish(irOf(listeners));
      assert.deepEqual(proxy.listeningPorts(), withExtra ? [port, extraPort].sort((x, y) => x - y) : [port], `swap ${swap}`);
      if (withExtra && swap % 10 === 1) {
        assert.equal(await podOf({ host: PROXY_HOST, port: extraPort, path: '/' }), 'a');
        extraSeen += 1;
      }
      await sleep(15);
    }
    const result = await load.stop();
    assert.deepEqual(result.failures, [], `${result.failures.length} of ${result.sent} requests failed`);
    assert.ok(result.sent >= 100, `steady load sent only ${result.sent} requests`);
    assert.ok((result.byPod.get('a') ?? 0) > 0 && (result.byPod.get('b') ?? 0) > 0, 'both route versions served traffic');
    assert.equal(extraSeen, 5);
  });

  it('keeps serving while the controller is gone, reconnects with backoff, and follows the restarted one, with zero failed requests', async () => {
    await publish(irOf([listener(port, 'before-restart', echoA, BACKEND_A)]));
    const load = startSteadyLoad({ host: PROXY_HOST, port, ...LOAD });
    await sleep(100);
    await controller.close();
    // While it is down, the controller's port accepts and drops connections: each is one reconnect attempt.
    let attempts = 0;
    const down = createTcpServer((socket: Socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => down.listen(controllerPort, CONTROLLER_HOST, resolve));
    await sleep(1000);
    await new Promise((resolve) => down.close(resolve));
    assert.equal(load.lastPod(), 'a', 'the last configuration is still served');
    // Capped exponential backoff from 20 ms to 200 ms gives about 7 attempts a second; a fixed 20 ms, 50.
    assert.ok(attempts >= 3 && attempts <= 15, `${attempts} reconnect attempts in 1 s`);

    // The restarted controller counts versions from 1 again and has a new IR: the proxy follows it.
    await startController();
    registry.update(new Map([[GATEWAY, irOf([listener(port, 'after-restart', echoB, BACKEND_B)])]]));
    for (let i = 0; i < 100 && load.lastPod() !== 'b'; i++) await sleep(50);
    await sleep(200);
    const result = await load.stop();
    assert.equal(proxy.irVersion(), registry.current(GATEWAY).version);
    assert.equal(load.lastPod(), 'b', 'the restarted controller’s IR is served');
    assert.deepEqual(result.failures, [], `${result.failures.length} of ${result.sent} requests failed`);
    assert.ok((result.byPod.get('a') ?? 0) > 0 && (result.byPod.get('b') ?? 0) > 0);
  });
});
