// Clients speaking HTTP/2 with prior knowledge (h2c) to a listener port that also serves HTTP/1.1:
// the proxy tells them apart by the connection preface and routes their requests the same way.

import assert from 'node:assert/strict';
import { type ClientHttp2Session, connect, createServer, type Http2Server, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';
import { type RecordingServer, startRecordingServer } from './recording-server.ts';

const PROXY_HOST = '127.0.0.78';
const BACKEND = '127.0.0.79';

interface H2Reply {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function h2Request(session: ClientHttp2Session, headers: Record<string, string>, body?: Buffer): Promise<H2Reply> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    const chunks: Buffer[] = [];
    let answer: IncomingHttpHeaders = {};
    stream.on('response', (h) => {
      answer = h;
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve({ headers: answer, body: Buffer.concat(chunks) }));
    stream.on('error', reject);
    stream.setTimeout(5000, () => stream.destroy(new Error('no h2 answer within 5 s')));
    if (body !== undefined) stream.end(body);
  });
}

describe('h2c clients (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let echo: EchoServer;
  let recorder: RecordingServer;
  let h2cBackend: Http2Server;
  let session: ClientHttp2Session;

  before(async () => {
    echo = await startEchoServer({ host: BACKEND, port: 0, context: { namespace: 'ns', ingress: '', service: '', pod: 'echo-pod' } });
    recorder = await startRecordingServer(BACKEND);
    h2cBackend = createServer((req, res) => res.end(`h2c backend saw HTTP/${req.httpVersion} for ${req.authority}`));
    await new Promise<void>((r) => h2cBackend.listen(0, BACKEND, r));
    gw = await startProxyUnderTest(PROXY_HOST);
    await gw.publish([
      prefixRule('ns/h2/rule/0/match/0', '/to-h2c', [service('ns/h2c:8081', [{ address: BACKEND, port: (h2cBackend.address() as AddressInfo).port }], { protocol: 'h2c' })]),
      prefixRule('ns/h2/rule/1/match/0', '/upload', [service('ns/rec:80', [{ address: BACKEND, port: recorder.port }])]),
      prefixRule('ns/h2/rule/2/match/0', '/moved', [service('ns/echo:80', [])], { filters: [{ type: 'RequestRedirect', hostname: 'example.org', statusCode: 301 }] }),
      prefixRule('ns/h2/rule/3/match/0', '/empty', [service('ns/empty:80', [])]),
      prefixRule('ns/h2/rule/4/match/0', '/', [service('ns/echo:80', [{ address: BACKEND, port: echo.port }])]),
    ]);
    session = connect(`http://${PROXY_HOST}:${gw.port}`);
  });

  after(async () => {
    session?.close();
    await gw?.close();
    await Promise.all([echo?.close(), recorder?.close(), new Promise((r) => h2cBackend?.close(r))]);
  });

  it('routes an h2c request by :authority and forwards it over HTTP/1.1 with Host set', async () => {
    const reply = await h2Request(session, { ':path': '/echo?x=1', ':authority': 'gw.example.com', 'x-client': 'h2' });
    assert.equal(reply.headers[':status'], 200);
    const echoed = JSON.parse(reply.body.toString()) as { host: string; path: string; proto: string; headers: Record<string, string[]> };
    assert.deepEqual([echoed.host, echoed.path, echoed.proto], ['gw.example.com', '/echo?x=1', 'HTTP/1.1']);
    assert.deepEqual(echoed.headers['X-Client'], ['h2']);
    assert.equal(echoed.headers[':authority'], undefined);
  });

  it('carries a request body sent without Content-Length', async () => {
    const body = Buffer.alloc(200_000, 6);
    const reply = await h2Request(session, { ':path': '/upload', ':method': 'POST', ':authority': 'gw.example.com' }, body);
    assert.equal(reply.headers[':status'], 200);
    assert.ok(recorder.requests.at(-1)?.body.equals(body));
  });

  it('reaches an h2c backend over HTTP/2 end to end', async () => {
    const reply = await h2Request(session, { ':path': '/to-h2c', ':authority': 'gw.example.com' });
    assert.equal(reply.body.toString(), 'h2c backend saw HTTP/2.0 for gw.example.com');
  });

  it('answers filter redirects and local errors over HTTP/2 as well', async () => {
    const moved = await h2Request(session, { ':path': '/moved/x', ':authority': 'gw.example.com' });
    assert.equal(moved.headers[':status'], 301);
    assert.equal(moved.headers.location, `http://example.org:${gw.port}/moved/x`);
    const empty = await h2Request(session, { ':path': '/empty', ':authority': 'gw.example.com' });
    assert.equal(empty.headers[':status'], 503);
    assert.match(empty.body.toString(), /no healthy endpoints/);
  });

  it('keeps serving HTTP/1.1 on the same port', async () => {
    const reply = await send({ host: PROXY_HOST, port: gw.port, path: '/plain', headers: { host: 'gw.example.com' } });
    assert.equal((JSON.parse(reply.text) as { pod: string }).pod, 'echo-pod');
  });
});
