// The hostile-input battery: raw bytes on a socket to a real proxy in front of two recording backends
// (/public and /admin). Each case asserts the answer, that nothing reached a backend that should not (the
// backends count what they got: a request they were not meant to see is a smuggled one), and that the proxy
// still serves the next request. Which refusals are Node's (llhttp) and which are the proxy's own is noted
// per group; the README lists them.

import assert from 'node:assert/strict';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';
import { rawExchange } from './raw-exchange.ts';
import { type RecordedRequest, type RecordingServer, startRecordingServer } from './recording-server.ts';

const PROXY_HOST = '127.0.0.141';
const PUBLIC_HOST = '127.0.0.142';
const ADMIN_HOST = '127.0.0.143';

type BackendName = 'public' | 'admin';

interface HostileCase {
  name: string;
  bytes: string;
  /** The status of the (first) answer. */
  status: string;
  /** False for a local answer that leaves the connection usable (the framing was fine). Default: a 4xx/5xx closes it. */
  closes?: false;
  /** What the backends get, in order; nothing when absent. */
  reaches?: { backend: BackendName; path: string; check?: (request: RecordedRequest) => void }[];
}

const get = (target: string, headers = 'Host: gw.example\r\n', version = 'HTTP/1.1') => `GET ${target} ${version}\r\n${headers}\r\n`;
const post = (headers: string, body: string) => `POST /public/in HTTP/1.1\r\nHost: gw.example\r\n${headers}\r\n${body}`;
/** A request hidden in a body, which reaches /admin if the proxy and a backend disagree on framing. */
const SMUGGLED = 'GET /admin/smuggled HTTP/1.1\r\nHost: gw.example\r\n\r\n';

const tally = { cases: 0, crashes: 0, smuggled: 0 };

describe('reference proxy: hostile-input battery (integration)', function () {
  this.timeout(60_000);
  let proxy: ProxyUnderTest;
  const backends = {} as Record<BackendName, RecordingServer>;

  before(async () => {
    backends.public = await startRecordingServer(PUBLIC_HOST);
    backends.admin = await startRecordingServer(ADMIN_HOST);
    proxy = await startProxyUnderTest(PROXY_HOST);
    await proxy.publish([
      prefixRule('public', '/public', [service('public', [{ address: PUBLIC_HOST, port: backends.public.port }])]),
      prefixRule('admin', '/admin', [service('admin', [{ address: ADMIN_HOST, port: backends.admin.port }])]),
    ]);
  });

  after(async () => {
    console.log(`      hostile battery: ${tally.cases} cases, ${tally.crashes} crashes, ${tally.smuggled} smuggled requests`);
    await proxy?.close();
    await Promise.all([backends.public?.close(), backends.admin?.close()]);
  });

  async function run(cases: HostileCase[]): Promise<void> {
    for (const hostile of cases) {
      tally.cases += 1;
      backends.public.requests.length = 0;
      backends.admin.requests.length = 0;
      const closes = Number(hostile.status) >= 400 && Number(hostile.status) !== 404 && hostile.closes !== false;
      // A connection the proxy should close gets time to be closed, even on a busy machine.
      const exchange = await rawExchange(PROXY_HOST, proxy.port, hostile.bytes, closes ? 1500 : 150);
      assert.equal(exchange.statuses[0] ?? 'no answer', hostile.status, `${hostile.name}: ${exchange.text.slice(0, 200)}`);
      if (closes) {
        assert.equal(exchange.statuses.length, 1, `${hostile.name}: nothing after a refusal is answered`);
        assert.ok(exchange.closedByServer, `${hostile.name}: the connection is closed after a refusal`);
      }
      // The next request, on a new connection: the proxy is alive and serving.
      const next = await send({ host: PROXY_HOST, port: proxy.port, path: '/public/next', headers: { host: 'gw.example' } }).catch(() => undefined);
      if (next?.status !== 200) tally.crashes += 1;
      assert.equal(next?.status, 200, `${hostile.name}: the proxy serves the next request`);
      const got = [...backends.public.requests.map((r) => ({ backend: 'public', r })), ...backends.admin.requests.map((r) => ({ backend: 'admin', r }))]
        .filter(({ r }) => r.url !== '/public/next')
        .sort((a, b) => a.r.at - b.r.at);
      const expected = hostile.reaches ?? [];
      // A request a backend got that the case did not expect there (extra or misrouted) counts as smuggled.
      const unexpected = got.map(({ backend, r }) => `${backend} ${r.url}`);
      for (const { backend, path } of expected) {
        const at = unexpected.indexOf(`${backend} ${path}`);
        if (at !== -1) unexpected.splice(at, 1);
      }
      tally.smuggled += unexpected.length;
      assert.deepEqual(
        got.map(({ backend, r }) => `${backend} ${r.url}`),
        expected.map(({ backend, path }) => `${backend} ${path}`),
        `${hostile.name}: what reached the backends`,
      );
      for (const [i, reach] of expected.entries()) reach.check?.((got[i] as { r: RecordedRequest }).r);
    }
  }

  it('refuses request smuggling: conflicting, duplicate or malformed lengths, folding, bare LF/CR, bad chunks (llhttp; 1.0 with TE and unknown codings: ours)', async () => {
    await run([
      { name: 'CL then TE', bytes: post('Content-Length: 49\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${SMUGGLED}`), status: '400' },
      { name: 'TE then CL', bytes: post('Transfer-Encoding: chunked\r\nContent-Length: 4\r\n', `0\r\n\r\n${SMUGGLED}`), status: '400' },
      { name: 'two different lengths', bytes: post('Content-Length: 0\r\nContent-Length: 49\r\n', SMUGGLED), status: '400' },
      { name: 'the same length twice', bytes: post('Content-Length: 49\r\nContent-Length: 49\r\n', SMUGGLED), status: '400' },
      { name: 'a length list', bytes: post('Content-Length: 0, 49\r\n', SMUGGLED), status: '400' },
      { name: 'a signed length', bytes: post('Content-Length: +0\r\n', SMUGGLED), status: '400' },
      { name: 'a hex length', bytes: post('Content-Length: 0x0\r\n', SMUGGLED), status: '400' },
      { name: 'a length that overflows', bytes: post('Content-Length: 18446744073709551617\r\n', SMUGGLED), status: '400' },
      { name: 'a length with inner space', bytes: post('Content-Length: 0 49\r\n', SMUGGLED), status: '400' },
      { name: 'obsolete line folding', bytes: get('/public/x', 'Host: gw.example\r\nX-A: b\r\n c\r\n'), status: '400' },
      { name: 'Transfer-Encoding folded', bytes: post('Transfer-Encoding:\r\n chunked\r\n', `0\r\n\r\n${SMUGGLED}`), status: '400' },
      { name: 'bare LF line ends', bytes: 'GET /public/x HTTP/1.1\nHost: gw.example\n\n', status: '400' },
      { name: 'a bare LF inside the head', bytes: get('/public/x', 'Host: gw.example\nX-A: b\r\n'), status: '400' },
      { name: 'a bare CR inside the head', bytes: get('/public/x', 'Host: gw.example\rX-A: b\r\n'), status: '400' },
      { name: 'a chunk size that is not hex', bytes: post('Transfer-Encoding: chunked\r\n', `zz\r\n${SMUGGLED}`), status: '400' },
      { name: 'a negative chunk size', bytes: post('Transfer-Encoding: chunked\r\n', `-1\r\n\r\n${SMUGGLED}`), status: '400' },
      { name: 'a chunk size that overflows', bytes: post('Transfer-Encoding: chunked\r\n', `1${'0'.repeat(17)}\r\n${SMUGGLED}`), status: '400' },
      { name: 'a chunk size with a space', bytes: post('Transfer-Encoding: chunked\r\n', `0 \r\n\r\n${SMUGGLED}`), status: '400' },
      { name: 'chunk data longer than its size', bytes: post('Transfer-Encoding: chunked\r\n', `1\r\nxx\r\n0\r\n\r\n${SMUGGLED}`), status: '400' },
      { name: 'a coding that is not chunked', bytes: post('Transfer-Encoding: gzip\r\n', `0\r\n\r\n${SMUGGLED}`), status: '400' },
      { name: 'chunked not last', bytes: post('Transfer-Encoding: chunked, gzip\r\n', `0\r\n\r\n${SMUGGLED}`), status: '400' },
      { name: 'chunked twice', bytes: post('Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${SMUGGLED}`), status: '400' },
      { name: 'space before the colon', bytes: post('Transfer-Encoding : chunked\r\n', `0\r\n\r\n${SMUGGLED}`), status: '400' },
      {
        name: 'Transfer-Encoding in HTTP/1.0 (ours)',
        bytes: `POST /public/in HTTP/1.0\r\nHost: gw.example\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`,
        status: '400',
      },
      { name: 'a coding before chunked (ours, 501)', bytes: post('Transfer-Encoding: gzip, chunked\r\n', `0\r\n\r\n${SMUGGLED}`), status: '501' },
    ]);
  });

  it('refuses invalid header names and values, oversized heads (431), too many headers (431, ours), a repeated Host (ours)', async () => {
    const headers = (count: number) => Array.from({ length: count }, (_, i) => `X-H${i}: v\r\n`).join('');
    await run([
      { name: 'a parenthesis in a name', bytes: get('/public/x', 'Host: gw.example\r\nX(y): z\r\n'), status: '400' },
      { name: 'a space in a name', bytes: get('/public/x', 'Host: gw.example\r\nX Y: z\r\n'), status: '400' },
      { name: 'an empty name', bytes: get('/public/x', 'Host: gw.example\r\n: z\r\n'), status: '400' },
      { name: 'NUL in a value', bytes: get('/public/x', 'Host: gw.example\r\nX: a\x00b\r\n'), status: '400' },
      { name: 'DEL in a value', bytes: get('/public/x', 'Host: gw.example\r\nX: a\x7fb\r\n'), status: '400' },
      { name: 'a control character in a value', bytes: get('/public/x', 'Host: gw.example\r\nX: a\x01b\r\n'), status: '400' },
      { name: 'whitespace before the first header', bytes: get('/public/x', ' Host: gw.example\r\n'), status: '400' },
      { name: 'no Host in HTTP/1.1', bytes: get('/public/x', ''), status: '400' },
      { name: 'Host twice (ours)', bytes: get('/public/x', 'Host: gw.example\r\nHost: other.example\r\n'), status: '400' },
      { name: 'a request pipelined behind a refused one (ours)', bytes: get('/public/x', 'Host: a\r\nHost: b\r\n') + SMUGGLED, status: '400' },
      { name: 'a 20 KB request line', bytes: get(`/public/${'a'.repeat(20_000)}`), status: '431' },
      { name: 'a 20 KB header', bytes: get('/public/x', `Host: gw.example\r\nX-Big: ${'a'.repeat(20_000)}\r\n`), status: '431' },
      { name: '101 header fields (ours)', bytes: get('/public/x', `Host: gw.example\r\n${headers(100)}`), status: '431' },
      { name: '100 header fields', bytes: get('/public/x', `Host: gw.example\r\n${headers(99)}`), status: '200', reaches: [{ backend: 'public', path: '/public/x' }] },
    ]);
  });

  it('refuses unknown methods (501), other HTTP versions (505, ours), CONNECT (501, ours), unusable targets', async () => {
    await run([
      { name: 'an unknown method', bytes: 'BREW /public/x HTTP/1.1\r\nHost: gw.example\r\n\r\n', status: '501' },
      { name: 'a lower-case method', bytes: 'get /public/x HTTP/1.1\r\nHost: gw.example\r\n\r\n', status: '501' },
      { name: 'not HTTP at all', bytes: 'NOT-HTTP\r\n\r\n', status: '400' },
      { name: 'HTTP/2.0 on an HTTP/1 connection (ours)', bytes: get('/public/x', 'Host: gw.example\r\n', 'HTTP/2.0'), status: '505' },
      { name: 'an HTTP/0.9 request line (ours)', bytes: 'GET /public/x\r\n\r\n', status: '505' },
      { name: 'HTTP/1.2', bytes: get('/public/x', 'Host: gw.example\r\n', 'HTTP/1.2'), status: '400' },
      { name: 'CONNECT (ours)', bytes: 'CONNECT admin.example:443 HTTP/1.1\r\nHost: admin.example:443\r\n\r\n', status: '501' },
      { name: 'a target not starting with /', bytes: get('public/x'), status: '400' },
      { name: 'an asterisk target (ours)', bytes: get('*'), status: '400', closes: false },
      { name: 'a fragment in the target (ours)', bytes: get('/public/x#/../../admin'), status: '400', closes: false },
      { name: 'a tab in the target', bytes: get('/public/x\ty'), status: '400' },
    ]);
  });

  it('routes and forwards the normalized path: dot-segments, escaped dots and slashes, double slashes (ours)', async () => {
    await run([
      { name: 'dot-dot out of a route', bytes: get('/public/../admin/x'), status: '200', reaches: [{ backend: 'admin', path: '/admin/x' }] },
      { name: 'escaped dot-dot', bytes: get('/public/%2e%2E/admin/x'), status: '200', reaches: [{ backend: 'admin', path: '/admin/x' }] },
      { name: 'dot-dot above the root', bytes: get('/../../admin'), status: '200', reaches: [{ backend: 'admin', path: '/admin' }] },
      { name: 'single dots', bytes: get('/admin/./x/../y'), status: '200', reaches: [{ backend: 'admin', path: '/admin/y' }] },
      { name: 'double slashes', bytes: get('//admin//x'), status: '200', reaches: [{ backend: 'admin', path: '/admin/x' }] },
      { name: 'escaped unreserved characters', bytes: get('/%70ublic/%7Ex'), status: '200', reaches: [{ backend: 'public', path: '/public/~x' }] },
      { name: 'an escaped slash is data, not a separator', bytes: get('/public%2F..%2Fadmin'), status: '404' },
      { name: 'escaped slash inside a segment', bytes: get('/public/..%2fadmin'), status: '200', reaches: [{ backend: 'public', path: '/public/..%2Fadmin' }] },
      { name: 'dot-dot onto the root', bytes: get('/admin/..'), status: '404' },
      { name: 'the query is kept as sent', bytes: get('/public/./x?next=/../admin&%2e'), status: '200', reaches: [{ backend: 'public', path: '/public/x?next=/../admin&%2e' }] },
    ]);
  });

  it("routes and forwards an absolute-form target's authority, sets X-Forwarded-* itself, never forwards hop-by-hop headers", async () => {
    const hopByHop = 'Connection: keep-alive, X-Secret\r\nX-Secret: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Connection: keep-alive\r\nUpgrade: h2c\r\nTrailer: X-T\r\n';
    await run([
      {
        name: "an untrusted client's own X-Forwarded-* replaced",
        bytes: get('/public/x', 'Host: gw.example\r\nX-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n'),
        status: '200',
        reaches: [
          {
            backend: 'public',
            path: '/public/x',
            check: (r) => {
              assert.match(String(r.headers['x-forwarded-for']), /^127\.\d+\.\d+\.\d+$/);
              assert.equal(r.headers['x-forwarded-host'], 'gw.example');
              assert.equal(r.headers['x-forwarded-proto'], 'http');
            },
          },
        ],
      },
      {
        name: 'absolute-form authority over Host',
        bytes: get('http://target.example:8080/public/x', 'Host: spoofed.example\r\n'),
        status: '200',
        reaches: [{ backend: 'public', path: '/public/x', check: (r) => {
              assert.equal(r.headers.host, 'target.example:8080');
              assert.equal(r.headers['x-forwarded-host'], 'target.example:8080');
            },
          },
        ],
      },
      {
        name: 'hop-by-hop headers, also those Connection lists',
        bytes: get('/public/x', `Host: gw.example\r\n${hopByHop}X-Kept: yes\r\n`),
        status: '200',
        reaches: [
          {
            backend: 'public',
            path: '/public/x',
            check: (r) => {
              for (const name of ['x-secret', 'keep-alive', 'te', 'proxy-connection', 'upgrade', 'trailer']) assert.equal(r.headers[name], undefined, name);
              assert.equal(r.headers['x-kept'], 'yes');
            },
          },
        ],
      },
    ]);
  });
});
