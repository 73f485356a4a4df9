import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { ProbeError, parseEchoBody, sendRequest } from '../../../harness/traffic/send-request.ts';
import { type FakeEcho, startFakeEcho } from './fake-echo-server.ts';

describe('sendRequest', () => {
  let echo: FakeEcho;
  before(async () => {
    echo = await startFakeEcho((request) => (request.url === '/missing' ? { pod: '', status: 404 } : { pod: 'infra-backend-v1-abc-def', service: 'infra-backend-v1' }));
  });
  after(() => echo.close());

  it('sends method, path, Host and headers and parses the echo body', async () => {
    const response = await sendRequest(echo.target, { method: 'POST', path: '/a?b=c', host: 'x.example.com', headers: { version: 'one' } });
    assert.equal(response.status, 200);
    assert.equal(response.echo?.method, 'POST');
    assert.equal(response.echo?.path, '/a?b=c');
    assert.equal(response.echo?.host, 'x.example.com');
    assert.deepEqual(response.echo?.headers.Version, ['one']);
    assert.equal(response.echo?.pod, 'infra-backend-v1-abc-def');
  });

  it('returns non-echo responses with their body and no echo', async () => {
    const response = await sendRequest(echo.target, { path: '/missing' });
    assert.equal(response.status, 404);
    assert.equal(response.echo, undefined);
    assert.equal(response.body, 'fake status 404');
  });

  it('rejects with a ProbeError naming the target when nothing listens', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    await assert.rejects(sendRequest({ host: '127.0.0.1', port: closed }, { path: '/' }), (error: unknown) => {
      assert.ok(error instanceof ProbeError);
      assert.equal(error.code, 'GAUNTLET_PROBE_FAILED');
      assert.match(error.message, new RegExp(`GET http://127\\.0\\.0\\.1:${closed}/ via 127\\.0\\.0\\.1:${closed}: .*ECONNREFUSED`));
      return true;
    });
  });

  it('rejects an invalid header value with a ProbeError instead of throwing', async () => {
    await assert.rejects(sendRequest(echo.target, { path: '/', headers: { bad: 'line\nbreak' } }), (error: unknown) => {
      assert.ok(error instanceof ProbeError);
      assert.match(error.message, /invalid request/);
      return true;
    });
  });

  it('sends a body with its length, and measures from sending to the end of the response', async () => {
    const server = createHttpServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(200, { 'x-length': request.headers['content-length'] ?? 'none' });
        response.write('first ');
        setTimeout(() => response.end(Buffer.concat(chunks)), 120);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const response = await sendRequest({ host: '127.0.0.1', port }, { method: 'POST', path: '/', body: 'héllo' });
      assert.equal(response.body, 'first héllo');
      assert.deepEqual(response.headers['x-length'], ['6']);
      assert.ok(response.elapsedMs >= 100, `elapsed ${response.elapsedMs}`);
    } finally {
      server.close();
    }
  });

  it('keeps repeated response header lines apart, as the gateway sent them', async () => {
    const server = createHttpServer((_request, response) => {
      // Node's own client would join these into "one, two" and keep only the first Location.
      response.setHeader('x-added', ['one', 'two']);
      response.setHeader('location', ['/a', '/b']);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const response = await sendRequest({ host: '127.0.0.1', port }, { path: '/' });
      assert.deepEqual(response.headers['x-added'], ['one', 'two']);
      assert.deepEqual(response.headers.location, ['/a', '/b']);
    } finally {
      server.close();
    }
  });

  it('gives up after the timeout on a server that never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      await assert.rejects(sendRequest({ host: '127.0.0.1', port }, { path: '/' }, { timeoutMs: 100 }), /no response within 100 ms/);
    } finally {
      silent.close();
    }
  });
});

describe('parseEchoBody', () => {
  it('ignores bodies that are not echo JSON', () => {
    assert.equal(parseEchoBody('<html>'), undefined);
    assert.equal(parseEchoBody('{"broken":'), undefined);
    assert.equal(parseEchoBody('{"other":1}'), undefined);
  });

  it('normalises single header values into lists', () => {
    assert.deepEqual(parseEchoBody('{"pod":"p","headers":{"A":"x","B":["y","z"]}}')?.headers, { A: ['x'], B: ['y', 'z'] });
  });
});
