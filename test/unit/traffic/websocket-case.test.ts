import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { RequestCase, SentRequestOf } from '../../../harness/scenario/scenario-types.ts';
import { expectStatus } from '../../../harness/traffic/expectation.ts';
import { exchangeMessages } from '../../../harness/traffic/websocket/exchange-messages.ts';
import { runWebSocketCase } from '../../../harness/traffic/websocket-case.ts';

/** An echo of WebSocket messages on /ws (404 elsewhere); `mangle` breaks binary echoes; hosts are recorded. */
async function startWebSocketEcho(options: { mangle?: boolean } = {}) {
  const hosts: string[] = [];
  const server: Server = createServer((_request, response) => response.writeHead(404).end());
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    hosts.push(request.headers.host ?? '');
    if (request.url !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => ws.send(isBinary && options.mangle ? Buffer.from([9]) : data, { binary: isBinary }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: { host: '127.0.0.1', port },
    hosts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const messages = ['Websocket Support!', { binary: [1, 2, 3] }];

function wsCase(path: string, statuses = [101]): RequestCase<SentRequestOf<'websocket'>> {
  const expect = { ...expectStatus(101), response: { statuses, headers: {}, absentHeaders: [] } };
  return { name: 'ws', gateway: { namespace: 'ns', name: 'gw' }, port: 80, request: { protocol: 'websocket', host: 'ws.example.com', path, messages }, expect, samples: 500, source: { file: 'scenario.yaml', line: 1 } };
}

describe('WebSocket request cases', () => {
  it('exchanges text and binary messages through an upgrade sent with the scenario Host', async () => {
    const echo = await startWebSocketEcho();
    try {
      const exchange = await exchangeMessages(echo.target, { host: 'ws.example.com', path: '/ws', messages });
      assert.equal(exchange.status, 101);
      assert.deepEqual(exchange.echoMismatches, []);
      assert.deepEqual(echo.hosts, ['ws.example.com']);
      const outcome = await runWebSocketCase(echo.target, wsCase('/ws'), { trafficMs: 2000 });
      assert.deepEqual(outcome.mismatches, []);
      assert.equal(outcome.attempts, 3);
    } finally {
      await echo.close();
    }
  });

  it('says which message did not come back unchanged', async () => {
    const echo = await startWebSocketEcho({ mangle: true });
    try {
      const outcome = await runWebSocketCase(echo.target, wsCase('/ws'), { trafficMs: 300 });
      assert.equal(outcome.satisfied, false);
      assert.deepEqual(outcome.mismatches[0]?.text, 'websocket message 2: expected binary [1, 2, 3], got binary [9]');
    } finally {
      await echo.close();
    }
  });

  it('takes a refused upgrade as an answer: a mismatch by default, a pass when its status is expected', async () => {
    const echo = await startWebSocketEcho();
    try {
      const refused = await runWebSocketCase(echo.target, wsCase('/elsewhere'), { trafficMs: 300 });
      assert.equal(refused.mismatches[0]?.text, 'status: expected 101, got 404');
      const expected = await runWebSocketCase(echo.target, wsCase('/elsewhere', [404]), { trafficMs: 2000 });
      assert.equal(expected.satisfied, true, JSON.stringify(expected.mismatches));
    } finally {
      await echo.close();
    }
  });
});
