// The proxy facing bad input and bad upstreams: malformed requests get a 400 and never take the
// process down, Host variants route as the spec says, upstream failures are logged once per rule,
// and /ready follows IR swaps that add or drop an unbindable port.

import assert from 'node:assert/strict';
import { connect, createServer as createTcpServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { type GatewayIR, IR_SCHEMA_VERSION, type PortListenerIR, type RouteRuleIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { type RunningProxy, startProxy } from '../../../reference-impl/proxy/proxy.ts';
import { freePort } from './free-port.ts';
import { podOf, send } from './http-client.ts';
import { startTestConfigServer, type TestConfigServer } from './test-config-server.ts';

const PROXY_HOST = '127.0.0.51';
const ECHO_HOST = '127.0.0.52';
const ns = 'hostile';

/**
 * Writes raw bytes on a fresh connection and returns the status line's code (or 'closed'). The
 * socket is not half-closed: a server may drop a connection whose client has ended it.
 */
function rawStatus(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, PROXY_HOST);
    let received = '';
    socket.setTimeout(3000, () => socket.destroy(new Error('no answer within 3 s')));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      // One answer is all we wait for; requests carry no keep-alive intent worth honouring.
      if (received.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 'closed'));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve('closed') : reject(error)));
    socket.write(bytes);
  });
}

describe('reference proxy facing hostile input (integration)', function () {
  this.timeout(20_000);

  let echo: EchoServer;
  let config: TestConfigServer;
  let proxy: RunningProxy;
  let port: number;
  let deadPort: number;
  let version = 0;
  const logLines: { msg: string; ruleId?: string; upstream?: string; code?: string; repeatedSinceLastLog?: number }[] = [];

  const rule = (id: string, prefix: string, backendPort: number): RouteRuleIR => ({
    id,
    match: { path: { type: 'PathPrefix', value: prefix }, headers: [], queryParams: [] },
    filters: [],
    backends: [{ kind: 'service', name: `${ns}/${id}`, weight: 1, protocol: 'http', filters: [], endpoints: [{ address: ECHO_HOST, port: backendPort }] }],
  });
  const mainListener = (): PortListenerIR => ({
    port,
    protocol: 'HTTP',
    virtualHosts: [
      { hostname: 'foo.example.com', rules: [rule('dead-rule', '/dead', deadPort), rule('foo-rule', '/', echo.port)] },
      { hostname: '*', rules: [rule('any-rule', '/any', echo.port)] },
    ],
  });

  async function publish(listeners: PortListenerIR[]): Promise<void> {
    version += 1;
    const ir: GatewayIR = { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: ns, name: 'gw' }, listeners };
    config.publish({ version, ir });
    await proxy.whenVersionApplied(version, 5000);
  }

  before(async () => {
    echo = await startEchoServer({ host: ECHO_HOST, port: 0, context: { namespace: ns, ingress: '', service: '', pod: 'echo-pod' } });
    deadPort = await freePort(ECHO_HOST);
    port = await freePort(PROXY_HOST);
    config = await startTestConfigServer('127.0.0.1', ns, 'gw');
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString().split('\n')) if (line.trim() !== '') logLines.push(JSON.parse(line));
        callback();
      },
    });
    proxy = await startProxy({
      gateway: { namespace: ns, name: 'gw' },
      configServer: config.address,
      host: PROXY_HOST,
      adminPort: 0,
      logger: pino({ level: 'warn' }, sink),
      reconnect: { initialBackoffMs: 20, maxBackoffMs: 100 },
      drainTimeoutMs: 1000,
      bindRetryMs: 50,
    });
    await publish([mainListener()]);
  });

  after(async () => {
    await proxy?.close();
    await Promise.all([echo?.close(), config?.close()]);
  });

  it('routes a Host with a port, upper case or a trailing dot to the same virtual host', async () => {
    for (const host of ['foo.example.com', 'FOO.Example.COM', 'foo.example.com.', 'Foo.Example.Com.:8080', `foo.example.com:${port}`]) {
      assert.equal(await podOf({ host: PROXY_HOST, port, path: '/x', headers: { host } }), 'echo-pod', host);
    }
    // And the absolute-form authority takes the place of Host.
    assert.equal(await rawStatus(port, 'GET http://FOO.example.com.:81/x HTTP/1.1\r\nHost: other.org\r\n\r\n'), '200');
    assert.equal(await rawStatus(port, 'GET http://other.org/x HTTP/1.1\r\nHost: foo.example.com\r\n\r\n'), '404');
  });

  it('answers 400 to malformed requests and unusable request targets, and keeps serving', async () => {
    const cases = [
      'GET /x HTTP/1.1\r\nHost: foo.example.com\r\nno colon here\r\n\r\n',
      'GET /a b c HTTP/1.1\r\nHost: foo.example.com\r\n\r\n',
      'GET http://[bad/x HTTP/1.1\r\nHost: foo.example.com\r\n\r\n',
      'GET ftp://foo.example.com/x HTTP/1.1\r\nHost: foo.example.com\r\n\r\n',
      'OPTIONS * HTTP/1.1\r\nHost: foo.example.com\r\n\r\n',
      'GET /x HTTP/1.1\r\nHost: foo.example.com\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello',
      'GET /x HTTP/1.1\r\nHost: foo.example.com\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: foo.example.com\r\n\r\n`,
      'NOT-HTTP\r\n\r\n',
    ];
    for (const bytes of cases) {
      const status = await rawStatus(port, bytes);
      assert.ok(status === '400' || status === '431' || status === 'closed', `${JSON.stringify(bytes.slice(0, 60))} got ${status}`);
    }
    assert.equal(await rawStatus(port, 'GET /%zz?%%=x HTTP/1.1\r\nHost: foo.example.com\r\n\r\n'), '200', 'odd escapes still route');
    assert.equal(await rawStatus(port, Buffer.from('GET /\u00e9t\u00e9 HTTP/1.1\r\nHost: foo.example.com\r\n\r\n', 'latin1')), '400');
    assert.equal(await podOf({ host: PROXY_HOST, port, path: '/still-alive', headers: { host: 'foo.example.com' } }), 'echo-pod');
  });

  it('logs a failing upstream once with its rule id, not once per request', async () => {
    logLines.length = 0;
    for (let i = 0; i < 5; i++) {
      assert.equal((await send({ host: PROXY_HOST, port, path: '/dead', headers: { host: 'foo.example.com' } })).status, 503);
    }
    const upstreamLines = logLines.filter((line) => line.ruleId !== undefined);
    assert.equal(upstreamLines.length, 1, JSON.stringify(logLines));
    assert.equal(upstreamLines[0]?.ruleId, 'dead-rule');
    assert.equal(upstreamLines[0]?.upstream, `${ECHO_HOST}:${deadPort}`);
    assert.equal(upstreamLines[0]?.code, 'ECONNREFUSED');
  });

  it('keeps /ready honest across IR swaps that add and then drop a port it cannot bind', async () => {
    const ready = async () => (await send({ host: PROXY_HOST, port: proxy.adminPort, path: '/ready' })).status;
    assert.equal(await ready(), 200);
    const taken = await freePort(PROXY_HOST);
    const squatter = createTcpServer();
    await new Promise<void>((resolve) => squatter.listen(taken, PROXY_HOST, resolve));
    try {
      const blocked: PortListenerIR = { port: taken, protocol: 'HTTP', virtualHosts: [{ hostname: '*', rules: [rule('blocked', '/', echo.port)] }] };
      await publish([mainListener(), blocked]);
      assert.equal(await ready(), 503, 'a port of the current IR is not listening');
      await publish([mainListener()]);
      assert.equal(await ready(), 200, 'the unbindable port is no longer wanted');
      assert.deepEqual(proxy.listeningPorts(), [port]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
