import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { RetrySimulation } from '../../../reference-impl/echo/retry-simulation.ts';
import { send } from './echo-client.ts';

describe('echo server: /retry/ simulation', () => {
  let echo: EchoServer;
  before(async () => {
    echo = await startEchoServer({ host: '127.0.0.1', port: 0, context: { namespace: 'ns', ingress: '', service: 'infra-backend-v3', pod: 'v3-pod' } });
  });
  after(() => echo.close());

  it('fails with responseCode until succeedAfter attempts failed, then echoes', async () => {
    const path = `/retry/code-500?uuid=${randomUUID()}&succeedAfter=2&responseCode=503`;
    assert.equal((await send(echo.port, path)).status, 503);
    assert.equal((await send(echo.port, path)).status, 503);
    const third = await send(echo.port, path);
    assert.equal(third.status, 200);
    assert.equal((JSON.parse(third.body) as { pod: string; path: string }).path, path);
    assert.equal((await send(echo.port, path)).status, 200, 'stays successful afterwards');
  });

  it('counts attempts per uuid', async () => {
    const first = `/retry/x?uuid=${randomUUID()}&succeedAfter=1&responseCode=500`;
    const second = `/retry/x?uuid=${randomUUID()}&succeedAfter=1&responseCode=500`;
    assert.equal((await send(echo.port, first)).status, 500);
    assert.equal((await send(echo.port, second)).status, 500);
    assert.equal((await send(echo.port, first)).status, 200);
  });

  it('resets the connection when no responseCode is given', async () => {
    const path = `/retry/reset?uuid=${randomUUID()}&succeedAfter=1`;
    await assert.rejects(send(echo.port, path), (error: NodeJS.ErrnoException) => error.code === 'ECONNRESET');
    assert.equal((await send(echo.port, path)).status, 200);
  });

  it('waits delayRetry before a failing answer only', async () => {
    const path = `/retry/slow?uuid=${randomUUID()}&succeedAfter=1&responseCode=502&delayRetry=120ms`;
    const started = Date.now();
    assert.equal((await send(echo.port, path)).status, 502);
    assert.ok(Date.now() - started >= 110, 'the failure came before delayRetry');
  });

  it('refuses requests without uuid or succeedAfter, as upstream does', async () => {
    const noUuid = await send(echo.port, '/retry/x?succeedAfter=1');
    assert.deepEqual([noUuid.status, noUuid.body], [400, 'uuid is required']);
    const noCount = await send(echo.port, `/retry/x?uuid=${randomUUID()}&succeedAfter=two`);
    assert.deepEqual([noCount.status, noCount.body], [400, 'succeedAfter is required']);
  });

  it('forgets the oldest uuids beyond its bound rather than growing forever', () => {
    const simulation = new RetrySimulation();
    assert.equal(simulation.shouldFail('first', 1), true);
    for (let i = 0; i < 10_000; i++) simulation.shouldFail(`uuid-${i}`, 1);
    assert.equal(simulation.shouldFail('first', 1), true, 'the oldest uuid was forgotten and starts over');
    assert.equal(simulation.shouldFail('uuid-9999', 1), false, 'a recent uuid is remembered');
  });
});
