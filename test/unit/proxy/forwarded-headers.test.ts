import assert from 'node:assert/strict';
import { responseHeaderList, upstreamRequestHeaders } from '../../../reference-impl/proxy/upstream/forwarded-headers.ts';

function pairs(flat: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i] ?? '', flat[i + 1] ?? '']);
  return out;
}

describe('forwarded headers', () => {
  it('keeps Host and end-to-end headers in order and case, drops hop-by-hop ones', () => {
    const raw = ['Host', 'Example.com', 'Connection', 'keep-alive, X-Private', 'X-Private', 'secret', 'Keep-Alive', 'timeout=5',
      'Transfer-Encoding', 'chunked', 'TE', 'trailers', 'Upgrade', 'h2c', 'Accept', '*/*', 'Expect', '100-continue'];
    const out = pairs(upstreamRequestHeaders(raw, '127.0.0.9', 'http'));
    assert.deepEqual(out, [
      ['Host', 'Example.com'],
      ['Accept', '*/*'],
      ['x-forwarded-for', '127.0.0.9'],
      ['x-forwarded-proto', 'http'],
    ]);
  });

  it('appends the client address to an existing X-Forwarded-For and replaces X-Forwarded-Proto', () => {
    const raw = ['X-Forwarded-For', '10.0.0.1', 'x-forwarded-for', '10.0.0.2', 'X-Forwarded-Proto', 'https'];
    const out = pairs(upstreamRequestHeaders(raw, '127.0.0.9', 'http'));
    assert.deepEqual(out, [
      ['x-forwarded-for', '10.0.0.1, 10.0.0.2, 127.0.0.9'],
      ['x-forwarded-proto', 'http'],
    ]);
  });

  it("drops an h2c client's pseudo-headers, turning :authority into Host unless Host was sent", () => {
    const raw = [':method', 'GET', ':path', '/x', ':scheme', 'http', ':authority', 'gw.example.com', 'accept', '*/*'];
    assert.deepEqual(pairs(upstreamRequestHeaders(raw, '127.0.0.9', 'http')), [
      ['host', 'gw.example.com'],
      ['accept', '*/*'],
      ['x-forwarded-for', '127.0.0.9'],
      ['x-forwarded-proto', 'http'],
    ]);
    const withHost = pairs(upstreamRequestHeaders([':authority', 'a.example', 'host', 'b.example'], '127.0.0.9', 'http'));
    assert.deepEqual(withHost[0], ['host', 'b.example']);
    assert.equal(withHost.length, 3);
  });

  it("sends an absolute-form target's authority as the only Host", () => {
    const raw = ['Host', 'spoofed.example', 'Accept', '*/*', 'host', 'second.example'];
    assert.deepEqual(pairs(upstreamRequestHeaders(raw, '127.0.0.9', 'http', 'target.example:81')), [
      ['host', 'target.example:81'],
      ['Accept', '*/*'],
      ['x-forwarded-for', '127.0.0.9'],
      ['x-forwarded-proto', 'http'],
    ]);
  });

  it('lists response headers flat without hop-by-hop ones, including those named by Connection', () => {
    const list = responseHeaderList({ connection: 'keep-alive, X-Hop', 'keep-alive': 'timeout=5', 'x-hop': '1', 'transfer-encoding': 'chunked', 'content-type': 'text/plain', 'content-length': '3' });
    assert.deepEqual(pairs(list), [
      ['content-type', 'text/plain'],
      ['content-length', '3'],
    ]);
  });

  it('keeps repeated response headers as separate entries', () => {
    const list = responseHeaderList({ 'set-cookie': ['a=1', 'b=2'], vary: 'accept' });
    assert.deepEqual(pairs(list), [
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['vary', 'accept'],
    ]);
  });
});
