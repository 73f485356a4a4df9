import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import type { RequestLogEntry } from '../../../reference-impl/echo/request-log.ts';
import { send } from './echo-client.ts';

/** Sends one message and resolves with the first message that comes back and whether it was binary. */
async function roundTrip(socket: WebSocket, message: string | Buffer): Promise<{ data: Buffer; isBinary: boolean }> {
  const reply = once(socket, 'message') as Promise<[Buffer, boolean]>;
  socket.send(message);
  const [data, isBinary] = await reply;
  return { data, isBinary };
}

describe('echo server: WebSocket echo on /ws', () => {
  let echo: EchoServer;
  const logged: RequestLogEntry[] = [];
  before(async () => {
    echo = await startEchoServer({
      host: '127.0.0.1',
      port: 0,
      context: { namespace: 'ns', ingress: '', service: 'svc', pod: 'pod-1' },
      onRequest: (entry) => logged.push(entry),
    });
  });
  after(() => echo.close());

  it('echoes text as text and binary as binary, message by message', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${echo.port}/ws`, { origin: 'ws://gateway/test' });
    await once(socket, 'open');
    try {
      const text = await roundTrip(socket, 'Websocket Support!');
      assert.deepEqual([text.data.toString(), text.isBinary], ['Websocket Support!', false]);
      const binary = await roundTrip(socket, Buffer.from([1, 2, 3, 4, 5, 6, 7]));
      assert.deepEqual([[...binary.data], binary.isBinary], [[1, 2, 3, 4, 5, 6, 7], true]);
      const large = Buffer.alloc(200_000, 7);
      const big = await roundTrip(socket, large);
      assert.ok(big.data.equals(large), 'a large message comes back whole');
    } finally {
      socket.close();
    }
    assert.deepEqual(
      logged.filter((entry) => entry.path === '/ws').map((entry) => entry.method),
      ['GET'],
      'the upgrade is logged once, messages are not',
    );
  });

  it('routes /ws with doubled slashes and a query like upstream', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${echo.port}//ws?x=1`);
    await once(socket, 'open');
    const reply = await roundTrip(socket, 'again');
    socket.close();
    assert.equal(reply.data.toString(), 'again');
  });

  it('answers 400 to /ws without an upgrade, and echoes an upgrade request to another path as a plain request', async () => {
    const plain = await send(echo.port, '/ws');
    assert.equal(plain.status, 400);
    const elsewhere = await send(echo.port, '/not-ws', { headers: { Connection: 'Upgrade', Upgrade: 'websocket' } });
    assert.equal(elsewhere.status, 200);
    assert.equal((JSON.parse(elsewhere.body) as { path: string }).path, '/not-ws');
  });

  it('closes open WebSockets when the server closes', async () => {
    const server = await startEchoServer({ host: '127.0.0.1', port: 0, context: { namespace: '', ingress: '', service: '', pod: '' } });
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
    await once(socket, 'open');
    const closed = once(socket, 'close') as Promise<[number]>;
    await server.close();
    const [code] = await closed;
    assert.equal(code, 1001);
  });
});
