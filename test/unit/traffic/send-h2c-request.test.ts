import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttp2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { RequestCase, SentRequestOf } from '../../../harness/scenario/scenario-types.ts';
import { expectStatus } from '../../../harness/traffic/expectation.ts';
import { runHttpCase } from '../../../harness/traffic/http-case.ts';
import { sendH2cRequest } from '../../../harness/traffic/send-h2c-request.ts';
import { ProbeError } from '../../../harness/traffic/send-request.ts';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';

const context = { namespace: 'gateway-conformance-infra', ingress: '', service: 'infra-backend-v1', pod: 'infra-backend-v1-7f9c-abcde' };

function rejectsWith(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof ProbeError, String(error));
    assert.equal(error.code, 'GAUNTLET_PROBE_FAILED');
    assert.match(error.message, pattern);
    return true;
  };
}

describe('sendH2cRequest', () => {
  let echo: EchoServer;
  let h2c: { host: string; port: number };
  before(async () => {
    echo = await startEchoServer({ host: '127.0.0.1', port: 0, h2cPort: 0, context });
    h2c = { host: '127.0.0.1', port: echo.h2cPort ?? 0 };
  });
  after(() => echo.close());

  it('speaks HTTP/2 with prior knowledge: the echo sees HTTP/2.0, the host as authority, headers and body', async () => {
    const response = await sendH2cRequest(h2c, { method: 'POST', path: '/a?b=c', host: 'h2c.example.com', headers: { Version: 'one' }, body: 'hello' });
    assert.equal(response.status, 200);
    assert.equal(response.echo?.proto, 'HTTP/2.0');
    assert.equal(response.echo?.method, 'POST');
    assert.equal(response.echo?.path, '/a?b=c');
    assert.equal(response.echo?.host, 'h2c.example.com');
    assert.deepEqual(response.echo?.headers.Version, ['one']);
    assert.deepEqual(response.echo?.headers['Content-Length'], ['5']);
    assert.deepEqual(response.headers['content-type'], ['application/json']);
    assert.deepEqual(
      Object.keys(response.headers).filter((name) => name.startsWith(':')),
      [],
      'pseudo-headers are not response headers',
    );
    assert.ok(response.elapsedMs > 0);
  });

  it('keeps repeated response header lines apart, as sendRequest does', async () => {
    const server = createHttp2Server((_request, response) => {
      response.setHeader('x-header-add', ['a', 'b']);
      response.end('plain');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await sendH2cRequest({ host: '127.0.0.1', port }, { path: '/' });
      assert.deepEqual(response.headers['x-header-add'], ['a', 'b']);
      assert.equal(response.body, 'plain');
      assert.equal(response.echo, undefined);
    } finally {
      server.close();
    }
  });

  it('fails against a server that speaks only HTTP/1.1', async () => {
    const server: Server = createHttpServer((_request, response) => response.end('{"pod":"http1-only"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await assert.rejects(sendH2cRequest({ host: '127.0.0.1', port }, { path: '/' }, { timeoutMs: 2000 }), rejectsWith(new RegExp(`GET h2c://127\\.0\\.0\\.1:${port}/ via 127\\.0\\.0\\.1:${port}: `)));
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('rejects with a ProbeError when nothing listens', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    await assert.rejects(sendH2cRequest({ host: '127.0.0.1', port: closed }, { path: '/' }), rejectsWith(/ECONNREFUSED/));
  });

  it('refuses a header HTTP/2 forbids with a ProbeError instead of throwing', async () => {
    await assert.rejects(sendH2cRequest(h2c, { path: '/', headers: { Connection: 'keep-alive' } }), rejectsWith(/invalid request/));
  });

  it('gives up after its timeout', async () => {
    await assert.rejects(sendH2cRequest(h2c, { path: '/?delay=2s' }, { timeoutMs: 150 }), rejectsWith(/no response within 150 ms/));
  });
});

describe('runHttpCase: h2c: and http: cases', () => {
  let echo: EchoServer;
  before(async () => {
    echo = await startEchoServer({ host: '127.0.0.1', port: 0, h2cPort: 0, context });
  });
  after(() => echo.close());

  function backendCase(protocol: 'http' | 'h2c'): RequestCase<SentRequestOf<'http' | 'h2c'>> {
    const expect = { ...expectStatus(200), backend: { name: 'infra-backend-v1', proto: 'HTTP/2.0' } };
    return { name: protocol, gateway: { namespace: 'ns', name: 'gw' }, port: 80, request: { protocol, method: 'GET', path: '/' }, expect, samples: 500, source: { file: 'scenario.yaml', line: 1 } };
  }

  it('sends an h2c: case as HTTP/2 and an http: case as HTTP/1.1', async () => {
    const target = { host: '127.0.0.1', port: echo.h2cPort ?? 0 };
    const h2c = await runHttpCase(target, backendCase('h2c'), { trafficMs: 500 });
    assert.deepEqual(h2c.mismatches, []);
    // The echo's h2c port refuses HTTP/1.1 without an Upgrade header.
    const http = await runHttpCase(target, backendCase('http'), { trafficMs: 300 });
    assert.equal(http.satisfied, false);
    assert.equal(http.mismatches[0]?.text, 'status: expected 200, got 400');
  });

  it('says which protocol reached the backend when it is not the expected one', async () => {
    const outcome = await runHttpCase({ host: '127.0.0.1', port: echo.port }, backendCase('http'), { trafficMs: 300 });
    assert.deepEqual(
      outcome.mismatches.map((item) => item.text),
      ['backend proto: expected HTTP/2.0, got HTTP/1.1'],
    );
  });
});
