// The proxy's own HTTP/1.1 upstream client, end to end: a scripted raw-socket backend answers with trailers,
// interim 1xx, bodyless answers, close-delimited bodies, malformed bytes, early closes and surplus bytes, and the
// client (raw bytes too, where the exact answer matters) must get exactly what HTTP/1.1 says, with the proxy
// serving the next request every time.

import assert from 'node:assert/strict';
import { get as httpGet } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';
import { rawExchange } from './raw-exchange.ts';
import { type Script, type ScriptedBackend, startScriptedBackend } from './scripted-backend.ts';

const PROXY_HOST = '127.0.0.160';
const BACKEND_HOST = '127.0.0.161';

const ok = (body: string): string => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

/** Answers by target; `/echo...` and anything unscripted get 200 with the target as body. */
const SCRIPTS: Record<string, Script> = {
  '/trailers': (_r, s) => void s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n'),
  '/early-hints': (_r, s) => void s.write(`HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n${ok('final')}`),
  '/continue': (_r, s) => void s.write(`HTTP/1.1 100 Continue\r\n\r\n${ok('after-100')}`),
  '/interim': (_r, s) => void s.write(`HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.js>; rel=preload\r\n\r\n${ok('after-interim')}`),
  '/head': (_r, s) => void s.write('HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n'),
  '/no-content': (_r, s) => void s.write('HTTP/1.1 204 No Content\r\nX-Kind: 204\r\n\r\n'),
  '/not-modified': (_r, s) => void s.write('HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n'),
  '/until-close': (_r, s) => void s.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it until the close'),
  '/malformed': (_r, s) => void s.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
  '/surplus': (_r, s) => void s.write(`${ok('mine')}${ok('WRONG')}`),
  '/hang': () => {},
  '/dribble': (_r, s) => {
    const bytes = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nslow\r\n5\r\n bits\r\n0\r\n\r\n', 'latin1');
    let at = 0;
    const next = (): void => {
      if (at >= bytes.length || s.destroyed) return;
      s.write(bytes.subarray(at, at + 1));
      at += 1;
      setTimeout(next, 1);
    };
    next();
  },
};
const DELAYS: Record<string, number> = { '/slow': 80, '/mid': 30, '/fast': 0 };

/** 6 MiB whose every byte depends on its position and the seed, so a misplaced or overwritten piece shows. */
function patterned(seed: number): Buffer {
  const bytes = Buffer.alloc(6 * 1024 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + seed * 7 + (i >> 12)) & 0xff;
  return bytes;
}
const LARGE = [patterned(1), patterned(2)];
SCRIPTS['/large/0'] = (_r, s) => void s.write(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${LARGE[0]?.length}\r\n\r\n`), LARGE[0] as Buffer]));
SCRIPTS['/large/1'] = (_r, s) => {
  // Chunked, in pieces of odd sizes.
  const body = LARGE[1] as Buffer;
  s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
  for (let at = 0; at < body.length; at += 40_000 + 1) {
    const piece = body.subarray(at, at + 40_001);
    s.write(`${piece.length.toString(16)}\r\n`);
    s.write(piece);
    s.write('\r\n');
  }
  s.write('0\r\n\r\n');
};

/** GETs `path`, reading nothing for `stallMs` first (the proxy must hold the backend back), then everything. */
function slowReader(host: string, port: number, path: string, stallMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    httpGet({ host, port, path, agent: false }, (res) => {
      res.pause();
      const chunks: Buffer[] = [];
      setTimeout(() => {
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
        res.resume();
      }, stallMs);
    }).on('error', reject);
  });
}

const defaultScript: Script = (request, socket) => {
  const scripted = SCRIPTS[request.target];
  if (scripted !== undefined) return scripted(request, socket);
  setTimeout(() => socket.write(ok(request.target)), DELAYS[request.target] ?? 0);
};

describe('reference proxy: its HTTP/1.1 upstream client, exactly (integration)', function () {
  this.timeout(20_000);
  let proxy: ProxyUnderTest;
  let backend: ScriptedBackend;

  before(async () => {
    backend = await startScriptedBackend(BACKEND_HOST, defaultScript);
    proxy = await startProxyUnderTest(PROXY_HOST, { upstream: { headersTimeoutMs: 2000 } });
    await proxy.publish([prefixRule('all', '/', [service('scripted', [{ address: BACKEND_HOST, port: backend.port }])])]);
  });

  after(async () => {
    await proxy?.close();
    await backend?.close();
  });

  afterEach(() => backend.setScript(defaultScript));

  const raw = (requests: string[]) => rawExchange(PROXY_HOST, proxy.port, requests.map((r) => `${r}\r\nHost: a.example\r\n\r\n`).join(''));
  const get = (path: string) => send({ host: PROXY_HOST, port: proxy.port, path });

  it('forwards a chunked body with its trailers', async () => {
    const { statuses, text } = await raw(['GET /trailers HTTP/1.1\r\nTE: trailers']);
    assert.deepEqual(statuses, ['200']);
    assert.match(text, /transfer-encoding: chunked\r\n/i);
    assert.match(text, /\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n$/);
  });

  it('forwards 103 Early Hints and 100 Continue before the final answer', async () => {
    const hints = await raw(['GET /early-hints HTTP/1.1']);
    assert.deepEqual(hints.statuses, ['103', '200']);
    assert.match(hints.text, /^HTTP\/1\.1 103 Early Hints\r\nLink: <\/style\.css>; rel=preload\r\n\r\n/);
    assert.match(hints.text, /\r\n\r\nfinal$/);
    const proceed = await raw(['GET /continue HTTP/1.1']);
    assert.deepEqual(proceed.statuses, ['100', '200']);
    assert.match(proceed.text, /after-100$/);
  });

  it('gives an HTTP/2 (h2c) client the final answer after 102 and 103 from the backend', async () => {
    const session = http2Connect(`http://${PROXY_HOST}:${proxy.port}`);
    try {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const stream = session.request({ ':path': '/interim', ':authority': 'a.example' });
        let status = 0;
        let body = '';
        stream.on('response', (headers) => {
          status = Number(headers[':status']);
        });
        stream.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        stream.on('end', () => resolve({ status, body }));
        stream.on('error', reject);
      });
      assert.equal(status, 200);
      assert.equal(body, 'after-interim');
    } finally {
      session.close();
    }
  });

  it('does not wait for a body after HEAD, 204 or 304, and the connection serves the next request', async () => {
    const { statuses, text } = await raw(['HEAD /head HTTP/1.1', 'GET /no-content HTTP/1.1', 'GET /not-modified HTTP/1.1', 'GET /echo-after HTTP/1.1']);
    assert.deepEqual(statuses, ['200', '204', '304', '200']);
    assert.match(text, /content-length: 1234\r\n/i);
    assert.match(text, /etag: "v1"\r\n/i);
    assert.match(text, /\r\n\r\n\/echo-after$/);
  });

  it('reads a body without length until the backend closes, then serves the next request', async () => {
    const reply = await get('/until-close');
    assert.equal(reply.status, 200);
    assert.equal(reply.text, 'all of it until the close');
    assert.equal((await get('/next')).text, '/next');
  });

  it('answers 502 to a malformed response and keeps serving', async () => {
    const reply = await get('/malformed');
    assert.equal(reply.status, 502);
    assert.match(reply.text, /PROXY_UPSTREAM_MALFORMED_RESPONSE/);
    assert.equal((await get('/fine')).text, '/fine');
  });

  it('forwards a response the backend sends one byte at a time', async () => {
    const reply = await get('/dribble');
    assert.equal(reply.status, 200);
    assert.equal(reply.text, 'slow bits');
  });

  it('streams two large bodies at once to slow readers, every byte in place (backpressure, no shared buffer reused early)', async () => {
    const [first, second] = await Promise.all([slowReader(PROXY_HOST, proxy.port, '/large/0', 300), slowReader(PROXY_HOST, proxy.port, '/large/1', 200)]);
    assert.ok(first?.equals(LARGE[0] as Buffer), 'Content-Length body intact');
    assert.ok(second?.equals(LARGE[1] as Buffer), 'chunked body intact');
  });

  it('never hands bytes the backend sent past a response to the next request', async () => {
    assert.equal((await get('/surplus')).text, 'mine');
    for (const path of ['/after-1', '/after-2', '/after-3']) assert.equal((await get(path)).text, path);
  });

  it('answers pipelined requests in order, each with its own response, whatever order the backend answers in', async () => {
    const { statuses, text } = await raw(['GET /slow HTTP/1.1', 'GET /fast HTTP/1.1', 'GET /mid HTTP/1.1']);
    assert.deepEqual(statuses, ['200', '200', '200']);
    const bodies = [...text.matchAll(/\r\n\r\n(\/[a-z]+)/g)].map((m) => m[1]);
    assert.deepEqual(bodies, ['/slow', '/fast', '/mid']);
  });

  it('resends a bodyless request once when a kept-alive connection turns out closed, never one with a body', async () => {
    // Every connection answers its first request and drops dead on the next, like a backend closing an idle socket.
    backend.setScript((request, socket) => {
      if (request.onConnection === 1) socket.write(ok(`${request.method} ${request.target}`));
      else socket.destroy();
    });
    assert.equal((await get('/warm')).status, 200);
    const connections = backend.connections;
    const received = backend.received.length;
    const reply = await get('/again');
    assert.equal(reply.status, 200);
    assert.equal(reply.text, 'GET /again');
    assert.equal(backend.received.length, received + 2, 'sent on the dead connection, then once more');
    assert.equal(backend.connections, connections + 1);
    const post = await send({ host: PROXY_HOST, port: proxy.port, path: '/post', method: 'POST', body: 'payload' });
    assert.equal(post.status, 502);
    assert.equal(backend.received.length, received + 3, 'a request with a body is not resent');
  });

  it('closes the backend connection when the client goes away mid-request', async () => {
    const open = backend.open;
    const exchange = rawExchange(PROXY_HOST, proxy.port, 'GET /hang HTTP/1.1\r\nHost: a\r\n\r\n', 100, 300);
    await exchange;
    for (let i = 0; i < 50 && backend.open > open; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(backend.open <= open, `backend connections open: ${backend.open}, before: ${open}`);
  });
});
