// gRPC calls through the proxy: a real grpc-js client and the gRPC echo behind an h2c backend. The answer's
// trailers (grpc-status) must reach the client, a backend's trailers-only refusal must arrive as one, and the
// proxy's own answers to gRPC calls (no route, no endpoint) must be trailers-only gRPC statuses rather than HTTP
// error pages, while a plain HTTP request still gets the plain 404.

import assert from 'node:assert/strict';
import { connect, constants, type IncomingHttpHeaders } from 'node:http2';
import { callGrpcEcho } from '../../../harness/traffic/grpc/grpc-echo-call.ts';
import { type GrpcEchoServer, startGrpcEcho } from '../../../reference-impl/echo/grpc/grpc-echo-server.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';

const PROXY_HOST = '127.0.0.84';
const BACKEND = '127.0.0.85';
const ECHO_SERVICE = 'gateway_api_conformance.echo_basic.grpcecho.GrpcEcho';

interface RawAnswer {
  headers: IncomingHttpHeaders;
  /** The first HEADERS frame ended the stream (a trailers-only answer). */
  endedWithHeaders: boolean;
  bodyBytes: number;
}

/** One HTTP/2 request as a gRPC client would send it (or a plain one), and the raw shape of the answer. */
function rawCall(port: number, path: string, contentType: string): Promise<RawAnswer> {
  const session = connect(`http://${PROXY_HOST}:${port}`);
  return new Promise<RawAnswer>((resolve, reject) => {
    const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': contentType, te: 'trailers' });
    let answer: RawAnswer = { headers: {}, endedWithHeaders: false, bodyBytes: 0 };
    stream.on('response', (headers, flags) => {
      answer = { headers, endedWithHeaders: (flags & constants.NGHTTP2_FLAG_END_STREAM) !== 0, bodyBytes: 0 };
    });
    stream.on('data', (chunk: Buffer) => {
      answer.bodyBytes += chunk.length;
    });
    stream.on('end', () => resolve(answer));
    stream.on('error', reject);
    stream.setTimeout(5000, () => stream.destroy(new Error('no answer within 5 s')));
    stream.end(Buffer.from([0, 0, 0, 0, 0]));
  }).finally(() => session.close());
}

describe('gRPC calls through the proxy (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let echo: GrpcEchoServer;

  before(async () => {
    echo = await startGrpcEcho({ host: BACKEND, port: 0, context: { namespace: 'ns', ingress: '', service: 'grpc-v1', pod: 'grpc-v1-pod' } });
    gw = await startProxyUnderTest(PROXY_HOST);
    await gw.publish([
      prefixRule('ns/g/rule/0/match/0', `/${ECHO_SERVICE}`, [service('ns/grpc-v1:8080', [{ address: BACKEND, port: echo.port }], { protocol: 'h2c' })]),
      prefixRule('ns/g/rule/1/match/0', '/empty.Service', [service('ns/empty:8080', [], { protocol: 'h2c' })]),
    ]);
  });

  after(async () => {
    await gw?.close();
    await echo?.close();
  });

  it('carries a call and its trailers both ways: the client gets OK and the echo account', async () => {
    const outcome = await callGrpcEcho({ host: PROXY_HOST, port: gw.port }, { method: 'Echo', authority: 'grpc.example.com', metadata: { version: 'one' } });
    assert.equal(outcome.code, 0, outcome.details);
    assert.equal(outcome.echo?.pod, 'grpc-v1-pod');
    assert.equal(outcome.echo?.authority, 'grpc.example.com');
    assert.deepEqual(outcome.echo?.headers.version, ['one']);
  });

  it("passes on the backend's own trailers-only refusal with its status and message", async () => {
    const outcome = await callGrpcEcho({ host: PROXY_HOST, port: gw.port }, { method: 'EchoThree' });
    assert.deepEqual([outcome.code, outcome.details], [12, 'method EchoThree not implemented']);
    const raw = await rawCall(gw.port, `/${ECHO_SERVICE}/EchoThree`, 'application/grpc');
    assert.deepEqual([raw.headers[':status'], raw.headers['grpc-status'], raw.endedWithHeaders, raw.bodyBytes], [200, '12', true, 0]);
  });

  it('answers an unrouted call with a trailers-only UNIMPLEMENTED, not a 404 page', async () => {
    const raw = await rawCall(gw.port, '/other.Service/Echo', 'application/grpc+proto');
    assert.equal(raw.headers[':status'], 200);
    assert.equal(raw.headers['content-type'], 'application/grpc');
    assert.equal(raw.headers['grpc-status'], '12');
    assert.match(String(raw.headers['grpc-message']), /no route matches this request/);
    assert.deepEqual([raw.endedWithHeaders, raw.bodyBytes], [true, 0]);
  });

  it('answers a call whose backend has no endpoint with a trailers-only UNAVAILABLE', async () => {
    const raw = await rawCall(gw.port, '/empty.Service/Echo', 'application/grpc');
    assert.deepEqual([raw.headers[':status'], raw.headers['grpc-status'], raw.endedWithHeaders], [200, '14', true]);
    const outcome = await callGrpcEcho({ host: PROXY_HOST, port: gw.port }, { service: 'empty.Service', method: 'Echo' });
    assert.equal(outcome.code, 14);
  });

  it('still answers a plain HTTP request with no route with 404', async () => {
    const raw = await rawCall(gw.port, '/other.Service/Echo', 'application/json');
    assert.equal(raw.headers[':status'], 404);
    assert.equal(raw.headers['grpc-status'], undefined);
  });
});
