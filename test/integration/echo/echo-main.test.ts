// The echo image's entry script as a pod runs it: env in, listeners up, one JSON log line per echoed
// request on stdout (what the harness reads through pods/log for mirror checks), SIGTERM drains.

import assert from 'node:assert/strict';
import { send, sendH2c } from '../../unit/echo/echo-client.ts';
import { type EchoProcess, startEchoProcess } from './echo-process.ts';

const POD_ENV = { POD_IP: '127.0.0.1', POD_NAME: 'infra-backend-v2-7d9f', NAMESPACE: 'gateway-conformance-infra', SERVICE_NAME: 'infra-backend-v2' };

describe('echo main.ts (integration)', function () {
  this.timeout(30_000);
  let echo: EchoProcess;
  let httpPort: number;
  let h2cPort: number;
  before(async () => {
    echo = startEchoProcess('reference-impl/echo/main.ts', { ...POD_ENV, HTTP_PORT: '0', H2C_PORT: '0' });
    const listening = await echo.waitForLog('echo server listening');
    httpPort = listening.http as number;
    h2cPort = listening.h2c as number;
  });
  after(async () => {
    await echo?.stop();
  });

  it('writes one JSON line per echoed request, with the request and the pod context', async () => {
    const path = `/mirror-check-${Date.now()}?x=1`;
    const reply = await send(httpPort, path, { method: 'POST', body: 'b'.repeat(64 * 1024), headers: { Host: 'mirror.example.com', 'X-Request-Id': 'r-1' } });
    assert.equal(reply.status, 200);
    const line = await echo.waitForLog('request', (entry) => entry.path === path);
    assert.equal(line.method, 'POST');
    assert.equal(line.host, 'mirror.example.com');
    assert.equal(line.listener, 'http');
    assert.deepEqual((line.headers as Record<string, string[]>)['X-Request-Id'], ['r-1']);
    assert.deepEqual([line.namespace, line.pod, line.service], [POD_ENV.NAMESPACE, POD_ENV.POD_NAME, POD_ENV.SERVICE_NAME]);
    assert.equal(line.name, 'echo');
    assert.match(String(line.echoBasicLine), new RegExp(`Echoing back request made to ${path.replace('?', '\\?')} to client`));
    const linesForPath = echo.lines().filter((raw) => raw.includes(`"path":"${path}"`));
    assert.equal(linesForPath.length, 1, 'a single line, however many chunks the body came in');
  });

  it('serves h2c on H2C_PORT and logs those requests too', async () => {
    const reply = await sendH2c(h2cPort, { ':path': '/over-h2c', ':authority': 'h2c.example' });
    assert.equal((JSON.parse(reply.body) as { proto: string }).proto, 'HTTP/2.0');
    const line = await echo.waitForLog('request', (entry) => entry.path === '/over-h2c');
    assert.deepEqual([line.listener, line.proto, line.host], ['h2c', 'HTTP/2.0', 'h2c.example']);
  });

  it('exits 0 on SIGTERM', async () => {
    const other = startEchoProcess('reference-impl/echo/main.ts', { ...POD_ENV, HTTP_PORT: '0', H2C_PORT: '0' });
    await other.waitForLog('echo server listening');
    assert.equal(await other.stop(), 0);
  });

  it('refuses a bad port with a message naming the variable', async () => {
    const bad = startEchoProcess('reference-impl/echo/main.ts', { ...POD_ENV, HTTP_PORT: '0', H2C_PORT: 'eighty' });
    assert.equal(await bad.exitCode(), 1);
    const error = await bad.waitForLog('H2C_PORT "eighty" is not a port number (0-65535); set H2C_PORT to a valid port or leave it unset for 3001');
    assert.deepEqual([error.level, error.code], [50, 'ECHO_BAD_SETTING']);
  });
});
