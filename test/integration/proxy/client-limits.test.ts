// Slow and greedy clients and a backend that never answers: each is cut by a timeout or the connection
// cap (listeners/client-limits.ts, upstream headers timeout) instead of holding the proxy's memory and
// file descriptors, and the proxy keeps serving. Limits are set short here so the test stays quick.

import assert from 'node:assert/strict';
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';
import { type RecordingServer, startRecordingServer } from './recording-server.ts';

const PROXY_HOST = '127.0.0.148';
const BACKEND_HOST = '127.0.0.149';
const LIMITS = { headersTimeoutMs: 1000, requestTimeoutMs: 2000, idleTimeoutMs: 1500, maxConnections: 20 };
/** Room for a busy machine's event loop lag on top of a timeout. */
const SLACK_MS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection that records what it received and when the proxy closed it. */
function openConnection(port: number): { socket: Socket; received: () => string; closed: Promise<number> } {
  const started = Date.now();
  const socket = connect(port, PROXY_HOST);
  let text = '';
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
  return { socket, received: () => text, closed };
}

/** Writes `bytes` one byte every `everyMs` until done or the socket closes. */
async function trickle(socket: Socket, bytes: string, everyMs: number): Promise<void> {
  for (const byte of bytes) {
    if (socket.destroyed || !socket.writable) return;
    socket.write(byte);
    await sleep(everyMs);
  }
}

describe('reference proxy: slow clients, idle connections, connection cap, silent backend (integration)', function () {
  this.timeout(30_000);
  let proxy: ProxyUnderTest;
  let backend: RecordingServer;
  let silent: Server;
  let silentPort: number;
  const silentSockets = new Set<Socket>();

  before(async () => {
    backend = await startRecordingServer(BACKEND_HOST);
    // Accepts, reads nothing, answers nothing; its connections are cut in after().
    silent = createTcpServer((socket) => silentSockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, BACKEND_HOST, resolve));
    silentPort = (silent.address() as { port: number }).port;
    proxy = await startProxyUnderTest(PROXY_HOST, { client: LIMITS, upstream: { headersTimeoutMs: 500 } });
    await proxy.publish([
      prefixRule('silent', '/silent', [service('silent', [{ address: BACKEND_HOST, port: silentPort }])]),
      prefixRule('public', '/', [service('public', [{ address: BACKEND_HOST, port: backend.port }])]),
    ]);
  });

  after(async () => {
    await proxy?.close();
    await backend?.close();
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  const stillServes = async () => assert.equal((await send({ host: PROXY_HOST, port: proxy.port, path: '/next' })).status, 200);

  it('cuts a client trickling its head within the headers timeout; nothing reaches the backend', async () => {
    backend.requests.length = 0;
    const connection = openConnection(proxy.port);
    void trickle(connection.socket, `GET /slow HTTP/1.1\r\nHost: gw.example\r\nX-Pad: ${'a'.repeat(200)}\r\n\r\n`, 20);
    const closedAfter = await connection.closed;
    assert.ok(closedAfter >= LIMITS.headersTimeoutMs - 100 && closedAfter < LIMITS.headersTimeoutMs * 1.25 + SLACK_MS, `closed after ${closedAfter} ms`);
    assert.match(connection.received(), /^HTTP\/1\.1 408 /);
    assert.equal(backend.requests.length, 0);
    await stillServes();
  });

  it('cuts a client trickling its body within the request timeout', async () => {
    const connection = openConnection(proxy.port);
    connection.socket.write('POST /upload HTTP/1.1\r\nHost: gw.example\r\nContent-Length: 1000\r\n\r\n');
    void trickle(connection.socket, 'x'.repeat(1000), 20);
    const closedAfter = await connection.closed;
    assert.ok(closedAfter >= LIMITS.requestTimeoutMs - 100 && closedAfter < LIMITS.requestTimeoutMs * 1.25 + SLACK_MS, `closed after ${closedAfter} ms`);
    assert.equal(backend.requests.filter((r) => r.url === '/upload').length, 0, 'an incomplete body is never a complete request upstream');
    await stillServes();
  });

  it('closes a connection that sends nothing, and an idle keep-alive connection, after the idle timeout', async () => {
    const silentClient = openConnection(proxy.port);
    const idle = openConnection(proxy.port);
    idle.socket.write('GET /once HTTP/1.1\r\nHost: gw.example\r\n\r\n');
    const [silentAfter, idleAfter] = await Promise.all([silentClient.closed, idle.closed]);
    assert.match(idle.received(), /^HTTP\/1\.1 200 /, 'the one request was served');
    assert.ok(silentAfter >= LIMITS.idleTimeoutMs - 100 && silentAfter < LIMITS.idleTimeoutMs + SLACK_MS, `silent: closed after ${silentAfter} ms`);
    // Node keeps an idle keep-alive socket keepAliveTimeoutBuffer (1 s) longer than announced, for clients reusing it at the edge.
    assert.ok(idleAfter >= LIMITS.idleTimeoutMs - 100 && idleAfter < LIMITS.idleTimeoutMs + 1000 + SLACK_MS, `idle: closed after ${idleAfter} ms`);
  });

  it('closes connections beyond the cap as they arrive, and serves again once under it', async () => {
    const held = Array.from({ length: LIMITS.maxConnections }, () => openConnection(proxy.port));
    // Each holder sends a byte so the proxy has surely accepted it before the extra ones come.
    for (const connection of held) connection.socket.write('G');
    let firstHeldClosed = Number.POSITIVE_INFINITY;
    for (const connection of held) void connection.closed.then(() => (firstHeldClosed = Math.min(firstHeldClosed, Date.now())));
    await sleep(100);
    const extra = Array.from({ length: 5 }, () => openConnection(proxy.port));
    const extraClosedAt = await Promise.all(extra.map((connection) => connection.closed.then(() => Date.now())));
    // Dropped at the cap, not by a timeout: every extra one is gone while all the held ones are still open.
    for (const at of extraClosedAt) assert.ok(at < firstHeldClosed, 'an extra connection outlived a held one');
    assert.deepEqual(
      extra.map((connection) => connection.received()),
      ['', '', '', '', ''],
    );
    for (const connection of held) connection.socket.destroy();
    await Promise.all(held.map((connection) => connection.closed));
    await sleep(50);
    await stillServes();
  });

  it('answers 504 for a backend that accepts and never answers, within the upstream headers timeout', async () => {
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 5 }, () => send({ host: PROXY_HOST, port: proxy.port, path: '/silent' })));
    assert.deepEqual(
      replies.map((reply) => reply.status),
      [504, 504, 504, 504, 504],
    );
    assert.ok(Date.now() - started < 500 + SLACK_MS, `took ${Date.now() - started} ms`);
    await stillServes();
  });
});
