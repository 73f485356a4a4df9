// The image entry points (main.ts) as the local runtime runs them: env in, POD_IP bound, SIGTERM drains.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { IR_SCHEMA_VERSION } from '../../../reference-impl/ir/gateway-ir.ts';
import { freePort } from './free-port.ts';
import { type Reply, send } from './http-client.ts';
import { startTestConfigServer, type TestConfigServer } from './test-config-server.ts';

const echoMain = fileURLToPath(new URL('../../../reference-impl/echo/main.ts', import.meta.url));
const proxyMain = fileURLToPath(new URL('../../../reference-impl/proxy/main.ts', import.meta.url));

function run(script: string, env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return Object.assign(child, { output: () => output });
}

/** Polls until `check` resolves truthy; at most `attempts` tries 100 ms apart. */
async function eventually(check: () => Promise<boolean>, attempts: number, what: string): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what} did not happen within ${attempts * 100} ms`);
}

async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

describe('entry points (integration)', function () {
  this.timeout(20_000);
  const started: ChildProcess[] = [];
  after(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('echo main.ts serves on POD_IP:HTTP_PORT with the env context and exits 0 on SIGTERM', async () => {
    const host = '127.0.0.44';
    const port = await freePort(host);
    const child = run(echoMain, { POD_IP: host, HTTP_PORT: String(port), POD_NAME: 'echo-pod', NAMESPACE: 'ns1', SERVICE_NAME: 'svc1' });
    started.push(child);
    let reply: Reply | undefined;
    await eventually(
      async () => {
        reply = await send({ host, port, path: '/x' });
        return true;
      },
      50,
      'echo answering',
    );
    const body = JSON.parse(reply?.text ?? '{}') as Record<string, unknown>;
    assert.deepEqual([body.pod, body.namespace, body.service], ['echo-pod', 'ns1', 'svc1']);
    child.kill('SIGTERM');
    assert.equal(await exitCode(child), 0);
  });

  it('proxy main.ts refuses to start without its Gateway', async () => {
    const child = run(proxyMain, {});
    started.push(child);
    assert.equal(await exitCode(child), 1);
    assert.match(child.output(), /GATEWAY_NAMESPACE is not set/);
  });

  describe('proxy main.ts', () => {
    let echo: EchoServer;
    let config: TestConfigServer;
    before(async () => {
      echo = await startEchoServer({ host: '127.0.0.46', port: 0, context: { namespace: 'ns', ingress: '', service: 's', pod: 'backend-pod' } });
      config = await startTestConfigServer('127.0.0.1', 'ns', 'gw');
    });
    after(() => Promise.all([echo.close(), config.close()]));

    function publishCatchAll(listenPort: number): void {
      config.publish({
        version: 1,
        ir: {
          schemaVersion: IR_SCHEMA_VERSION,
          gateway: { namespace: 'ns', name: 'gw' },
          listeners: [
            {
              port: listenPort,
              protocol: 'HTTP',
              virtualHosts: [
                {
                  hostname: '*',
                  rules: [
                    {
                      id: 'ns/r/rule/0/match/0',
                      match: { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] },
                filters: [],
                      backends: [{ kind: 'service', name: 'ns/s:80', weight: 1, protocol: 'http', filters: [], endpoints: [{ address: '127.0.0.46', port: echo.port }] }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      });
    }

    /** Starts proxy main.ts for Gateway ns/gw on `host`, with a catch-all route published on a free port. */
    async function startProxyOn(host: string, extraEnv: Record<string, string> = {}) {
      const adminPort = await freePort(host);
      const listenPort = await freePort(host);
      publishCatchAll(listenPort);
      const child = run(proxyMain, {
        GATEWAY_NAMESPACE: 'ns',
        GATEWAY_NAME: 'gw',
        CONFIG_SERVER: config.address,
        POD_IP: host,
        ADMIN_PORT: String(adminPort),
        ...extraEnv,
      });
      started.push(child);
      return { child, adminPort, listenPort };
    }

    it('follows the config stream, becomes ready, and finishes an in-flight request on SIGTERM', async () => {
      const host = '127.0.0.45';
      const { child, adminPort, listenPort } = await startProxyOn(host);
      await eventually(async () => (await send({ host, port: adminPort, path: '/ready' })).status === 200, 80, 'proxy ready');
      const slow = send({ host, port: listenPort, path: '/slow?delay=600ms' });
      await new Promise((r) => setTimeout(r, 150));
      child.kill('SIGTERM');
      const reply = await slow;
      assert.equal(reply.status, 200);
      assert.equal((JSON.parse(reply.text) as { pod: string }).pod, 'backend-pod');
      assert.equal(await exitCode(child), 0);
      assert.match(child.output(), /applied IR version/);
    });

    it('with PROXY_WORKERS=2 runs two processes on the same port, and SIGTERM stops both', async () => {
      const host = '127.0.0.47';
      const { child, adminPort, listenPort } = await startProxyOn(host, { PROXY_WORKERS: '2' });
      const startedPids = (): number[] => [...child.output().matchAll(/"pid":(\d+)[^\n]*"msg":"proxy started"/g)].map((m) => Number(m[1]));
      await eventually(async () => startedPids().length === 2, 80, 'two proxy processes started');
      await eventually(async () => (await send({ host, port: adminPort, path: '/ready' })).status === 200, 80, 'proxy ready');
      const extraPid = startedPids().find((pid) => pid !== child.pid);
      assert.ok(extraPid !== undefined, `no second proxy process in: ${child.output()}`);
      // Both processes follow the stream: the extra one logs its own applied version.
      await eventually(async () => [...child.output().matchAll(/applied IR version/g)].length >= 2, 80, 'both processes applied the IR');
      for (let i = 0; i < 10; i++) assert.equal((await send({ host, port: listenPort, path: `/w${i}` })).status, 200);
      // Without SO_REUSEPORT the second process could not bind the port and would say so.
      assert.doesNotMatch(child.output(), /cannot listen on/);
      child.kill('SIGTERM');
      assert.equal(await exitCode(child), 0);
      assert.throws(() => process.kill(extraPid, 0), /ESRCH/);
    });

    it('refuses a PROXY_WORKERS that is not a count', async () => {
      const child = run(proxyMain, { GATEWAY_NAMESPACE: 'ns', GATEWAY_NAME: 'gw', CONFIG_SERVER: config.address, PROXY_WORKERS: 'many' });
      started.push(child);
      assert.equal(await exitCode(child), 1);
      assert.match(child.output(), /PROXY_WORKERS \\"many\\" is not a whole number/);
    });

    it('refuses a PROXY_TRUSTED_FORWARDERS entry that is not an address or a CIDR', async () => {
      const env = { GATEWAY_NAMESPACE: 'ns', GATEWAY_NAME: 'gw', CONFIG_SERVER: config.address, ADMIN_PORT: '0', PROXY_TRUSTED_FORWARDERS: '10.0.0.0/8, lb.example' };
      const child = run(proxyMain, env);
      started.push(child);
      assert.equal(await exitCode(child), 1);
      assert.match(child.output(), /PROXY_FORWARDED_TRUST_INVALID/);
      assert.match(child.output(), /lb\.example/);
    });
  });
});
