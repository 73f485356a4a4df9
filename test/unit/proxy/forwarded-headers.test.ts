import assert from 'node:assert/strict';
import { responseHeaderList, upstreamRequestHeaders } from '../../../reference-impl/proxy/upstream/forwarded-headers.ts';
import { forwardedTrustOf } from '../../../reference-impl/proxy/upstream/forwarded-trust.ts';

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
      ['x-forwarded-host', 'Example.com'],
    ]);
  });

  it("replaces an untrusted client's X-Forwarded-For, -Proto and -Host with what the proxy saw", () => {
    const raw = ['Host', 'gw.example', 'X-Forwarded-For', '10.0.0.1', 'x-forwarded-for', '10.0.0.2', 'X-Forwarded-Proto', 'https', 'X-Forwarded-Host', 'evil.example'];
    const out = pairs(upstreamRequestHeaders(raw, '127.0.0.9', 'http', undefined, forwardedTrustOf(['10.0.0.0/8'])));
    assert.deepEqual(out, [
      ['Host', 'gw.example'],
      ['x-forwarded-for', '127.0.0.9'],
      ['x-forwarded-proto', 'http'],
      ['x-forwarded-host', 'gw.example'],
    ]);
  });

  it("appends to a trusted forwarder's X-Forwarded-For and passes its -Proto and -Host on", () => {
    const raw = ['Host', 'gw.example', 'X-Forwarded-For', '10.0.0.1', 'x-forwarded-for', '10.0.0.2', 'X-Forwarded-Proto', 'https', 'X-Forwarded-Host', 'public.example'];
    const trust = forwardedTrustOf(['127.0.0.0/24', 'fd00::/8']);
    assert.deepEqual(pairs(upstreamRequestHeaders(raw, '127.0.0.9', 'http', undefined, trust)).slice(1), [
      ['x-forwarded-for', '10.0.0.1, 10.0.0.2, 127.0.0.9'],
      ['x-forwarded-proto', 'https'],
      ['x-forwarded-host', 'public.example'],
    ]);
    assert.equal(pairs(upstreamRequestHeaders(raw, '::ffff:127.0.0.9', 'http', undefined, trust))[1]?.[1], '10.0.0.1, 10.0.0.2, ::ffff:127.0.0.9');
    assert.equal(pairs(upstreamRequestHeaders(raw, '127.0.1.9', 'http', undefined, trust))[1]?.[1], '127.0.1.9', 'outside the CIDR');
  });

  it('refuses a trusted forwarder that is not an address or a CIDR', () => {
    for (const entry of ['10.0.0.0/33', 'example.com', '10.0.0.1/8/8', 'fd00::/129']) {
      assert.throws(() => forwardedTrustOf([entry]), { code: 'PROXY_FORWARDED_TRUST_INVALID' }, entry);
    }
  });

  it("drops an h2c client's pseudo-headers, turning :authority into Host unless Host was sent", () => {
    const raw = [':method', 'GET', ':path', '/x', ':scheme', 'http', ':authority', 'gw.example.com', 'accept', '*/*'];
    assert.deepEqual(pairs(upstreamRequestHeaders(raw, '127.0.0.9', 'http')), [
      ['host', 'gw.example.com'],
      ['accept', '*/*'],
      ['x-forwarded-for', '127.0.0.9'],
      ['x-forwarded-proto', 'http'],
      ['x-forwarded-host', 'gw.example.com'],
    ]);
    const withHost = pairs(upstreamRequestHeaders([':authority', 'a.example', 'host', 'b.example'], '127.0.0.9', 'http'));
    assert.deepEqual(withHost[0], ['host', 'b.example']);
    assert.equal(withHost.length, 4);
  });

  it("sends an absolute-form target's authority as the only Host", () => {
    const raw = ['Host', 'spoofed.example', 'Accept', '*/*', 'host', 'second.example'];
    assert.deepEqual(pairs(upstreamRequestHeaders(raw, '127.0.0.9', 'http', 'target.example:81')), [
      ['host', 'target.example:81'],
      ['Accept', '*/*'],
      ['x-forwarded-for', '127.0.0.9'],
      ['x-forwarded-proto', 'http'],
      ['x-forwarded-host', 'target.example:81'],
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
