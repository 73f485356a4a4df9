// WebSocket upgrades through a real proxy: the upgrade request gets the rule's and the backend's
// filters, the 101 is passed back and frames flow both ways; refusals from the backend pass through.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { freePort } from './free-port.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, requestHeaders, responseHeaders, service, startProxyUnderTest } from './proxy-under-test.ts';

const PROXY_HOST = '127.0.0.74';
const BACKEND = '127.0.0.75';

interface Opened {
  ws: WebSocket;
  upgradeHeaders: IncomingHttpHeaders;
  /** Next message, in order: messages arriving with the 101 are kept until asked for. */
  next(): Promise<{ data: Buffer; binary: boolean }>;
}

/** Opens a WebSocket through the proxy; resolves once open, or with the refusal's status. */
function connectWs(url: string): Promise<Opened | { refused: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { handshakeTimeout: 3000 });
    const queue: { data: Buffer; binary: boolean }[] = [];
    const waiting: ((m: { data: Buffer; binary: boolean }) => void)[] = [];
    ws.on('message', (data: Buffer, binary: boolean) => {
      const wake = waiting.shift();
      if (wake) wake({ data, binary });
      else queue.push({ data, binary });
    });
    const next = (): Promise<{ data: Buffer; binary: boolean }> => {
      const queued = queue.shift();
      return queued ? Promise.resolve(queued) : new Promise((r) => waiting.push(r));
    };
    ws.once('upgrade', (res) => ws.once('open', () => resolve({ ws, upgradeHeaders: res.headers, next })));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ refused: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

describe('WebSocket upgrades (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let backend: Server;
  let wss: WebSocketServer;
  const upgradesSeen: IncomingHttpHeaders[] = [];

  before(async () => {
    backend = createServer((_req, res) => res.writeHead(200).end('plain http'));
    wss = new WebSocketServer({ noServer: true });
    wss.on('connection', (socket) => {
      socket.send('hello from the backend');
      socket.on('message', (data: RawData, binary: boolean) => socket.send(data, { binary }));
    });
    backend.on('upgrade', (req, socket, head) => {
      upgradesSeen.push(req.headers);
      if (req.url?.startsWith('/ws-forbidden')) {
        socket.end('HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: 9\r\n\r\nforbidden');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    });
    await new Promise<void>((r) => backend.listen(0, BACKEND, r));
    const port = (backend.address() as AddressInfo).port;
    const deadPort = await freePort(BACKEND);
    gw = await startProxyUnderTest(PROXY_HOST);
    const endpoints = [{ address: BACKEND, port }];
    await gw.publish([
      prefixRule('ns/ws/rule/0/match/0', '/ws-forbidden', [service('ns/ws:8082', endpoints, { protocol: 'websocket' })]),
      prefixRule('ns/ws/rule/1/match/0', '/ws-http', [service('ns/plain:8080', endpoints)]),
      prefixRule('ns/ws/rule/2/match/0', '/ws-dead', [service('ns/dead:8082', [{ address: BACKEND, port: deadPort }], { protocol: 'websocket' })]),
      prefixRule('ns/ws/rule/3/match/0', '/ws', [service('ns/ws:8082', endpoints, { protocol: 'websocket', filters: [requestHeaders([['X-Backend-Filter', 'ws']])] })], {
        filters: [requestHeaders([['X-Filtered', 'yes']]), responseHeaders([['X-Gateway', 'reference']])],
      }),
    ]);
  });

  after(async () => {
    await gw?.close();
    for (const client of wss?.clients ?? []) client.terminate();
    await new Promise((r) => backend?.close(r));
  });

  it('upgrades through the proxy and carries text and binary frames both ways', async () => {
    const opened = await connectWs(`ws://${PROXY_HOST}:${gw.port}/ws`);
    assert.ok('ws' in opened, `refused: ${JSON.stringify(opened)}`);
    const { ws, upgradeHeaders, next } = opened;
    assert.equal(upgradeHeaders['x-gateway'], 'reference', "the rule's response filter decorates the 101");
    assert.equal((await next()).data.toString(), 'hello from the backend');
    ws.send('Websocket Support!');
    const text = await next();
    assert.deepEqual([text.data.toString(), text.binary], ['Websocket Support!', false]);
    ws.send(Buffer.from([1, 2, 3, 4, 5, 6, 7]));
    const binary = await next();
    assert.deepEqual([[...binary.data], binary.binary], [[1, 2, 3, 4, 5, 6, 7], true]);
    const big = Buffer.alloc(300 * 1024, 8);
    ws.send(big);
    assert.ok((await next()).data.equals(big));
    ws.close();
    await once(ws, 'close');
    const seen = upgradesSeen.at(-1);
    assert.equal(seen?.['x-filtered'], 'yes');
    assert.equal(seen?.['x-backend-filter'], 'ws');
    assert.equal(seen?.upgrade, 'websocket');
    assert.equal(seen?.['x-forwarded-for'], '127.0.0.1');
  });

  it('upgrades to a backend whose protocol is plain http too, and plain requests still work there', async () => {
    const opened = await connectWs(`ws://${PROXY_HOST}:${gw.port}/ws-http`);
    assert.ok('ws' in opened);
    assert.equal((await opened.next()).data.toString(), 'hello from the backend');
    opened.ws.close();
    const plain = await send({ host: PROXY_HOST, port: gw.port, path: '/ws-http' });
    assert.equal(plain.text, 'plain http');
  });

  it("passes the backend's refusal of an upgrade through", async () => {
    const refused = await connectWs(`ws://${PROXY_HOST}:${gw.port}/ws-forbidden`);
    assert.deepEqual(refused, { refused: 403, body: 'forbidden' });
  });

  it('answers 503 when the backend is down and 404 without a route', async () => {
    const dead = await connectWs(`ws://${PROXY_HOST}:${gw.port}/ws-dead`);
    assert.ok('refused' in dead && dead.refused === 503, JSON.stringify(dead));
    const unrouted = await connectWs(`ws://${PROXY_HOST}:${gw.port}/nowhere`);
    assert.ok('refused' in unrouted && unrouted.refused === 404, JSON.stringify(unrouted));
  });
});
