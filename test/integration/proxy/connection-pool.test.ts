// The cleartext upstream connection pool on its own, against a scripted backend: the bound on connections with
// requests waiting in order, last-in first-out reuse of idle connections, aborting a waiting request, and
// closing (in-flight requests finish, new ones are refused).

import assert from 'node:assert/strict';
import { ConnectionPool } from '../../../reference-impl/proxy/upstream/http1-client/connection-pool.ts';
import type { AttemptRequest } from '../../../reference-impl/proxy/upstream/upstream-attempt.ts';
import { type ScriptedBackend, startScriptedBackend } from './scripted-backend.ts';

const HOST = '127.0.0.162';

interface Outcome {
  status?: number;
  body: string;
  error?: string;
}

function requestOf(target: string): AttemptRequest {
  return { method: 'GET', target, headers: ['host', 'pool.test'], body: null, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 };
}

/** Sends one request through the pool; resolves with what its listener saw. */
function send(pool: ConnectionPool, target: string): { outcome: Promise<Outcome>; abort(error: Error): void } {
  const seen: Outcome = { body: '' };
  let attempt: { abort(error: Error): void } | undefined;
  const outcome = new Promise<Outcome>((resolve) => {
    attempt = pool.request(requestOf(target), {
      onStart: (status) => {
        seen.status = status;
      },
      onData: (chunk) => {
        seen.body += chunk.toString();
        return true;
      },
      onEnd: () => resolve(seen),
      onError: (error) => resolve({ ...seen, error: (error as Error & { code?: string }).code ?? error.message }),
    });
  });
  return { outcome, abort: (error) => attempt?.abort(error) };
}

describe('upstream connection pool (integration)', function () {
  this.timeout(10_000);
  let backend: ScriptedBackend;

  before(async () => {
    // Answers with the connection number after the delay the target names (/wait/50).
    backend = await startScriptedBackend(HOST, (request, socket) => {
      const delay = Number(/^\/wait\/(\d+)/.exec(request.target)?.[1] ?? 0);
      const body = `connection ${request.connection}`;
      setTimeout(() => socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`), delay);
    });
  });
  after(() => backend?.close());

  it('opens at most the bound, queues the rest in order, and serves every request', async () => {
    const pool = new ConnectionPool(HOST, backend.port, 'pool', { connectTimeoutMs: 1000, keepAliveTimeoutMs: 5000, maxConnections: 2 });
    const before = backend.connections;
    const received = backend.received.length;
    const sends = [1, 2, 3, 4, 5].map((n) => send(pool, `/wait/${30 + n}`));
    assert.deepEqual(pool.counts, { open: 2, idle: 0, waiting: 3 });
    const outcomes = await Promise.all(sends.map((s) => s.outcome));
    assert.deepEqual(
      outcomes.map((o) => o.status),
      [200, 200, 200, 200, 200],
    );
    assert.equal(backend.connections - before, 2);
    assert.deepEqual(
      backend.received.slice(received).map((r) => r.target),
      ['/wait/31', '/wait/32', '/wait/33', '/wait/34', '/wait/35'],
      'waiters served in arrival order',
    );
    await pool.close();
  });

  it('reuses the connection released last first', async () => {
    const pool = new ConnectionPool(HOST, backend.port, 'pool', { connectTimeoutMs: 1000, keepAliveTimeoutMs: 5000 });
    // Three connections released in the order 10, 40, 70 ms: the last one is the warmest.
    const outcomes = await Promise.all(['/wait/70', '/wait/10', '/wait/40'].map((t) => send(pool, t).outcome));
    const last = outcomes[0]?.body;
    for (let i = 0; i < 3; i++) assert.equal((await send(pool, '/again').outcome).body, last);
    assert.deepEqual(pool.counts, { open: 3, idle: 3, waiting: 0 });
    await pool.close();
  });

  it('drops an aborted waiting request, and closing lets in-flight ones finish while refusing new ones', async () => {
    const pool = new ConnectionPool(HOST, backend.port, 'pool', { connectTimeoutMs: 1000, keepAliveTimeoutMs: 5000, maxConnections: 1 });
    const first = send(pool, '/wait/60');
    const waiting = send(pool, '/wait/0');
    waiting.abort(Object.assign(new Error('client gone'), { code: 'TEST_ABORT' }));
    assert.equal((await waiting.outcome).error, 'TEST_ABORT');
    const closed = pool.close();
    assert.equal((await send(pool, '/late').outcome).error, 'PROXY_UPSTREAM_POOL_CLOSED');
    assert.equal((await first.outcome).status, 200);
    await closed;
    assert.deepEqual(pool.counts, { open: 0, idle: 0, waiting: 0 });
  });
});
