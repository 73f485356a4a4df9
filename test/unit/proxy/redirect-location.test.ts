import assert from 'node:assert/strict';
import type { RequestRedirectIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { compileRedirect, hostWithoutPort } from '../../../reference-impl/proxy/filters/redirect-location.ts';

function location(redirect: Omit<RequestRedirectIR, 'type' | 'statusCode'>, listenerPort: number, request = { host: 'gw.example.com:8080', path: '/a/b', query: '?x=1' }): string {
  return compileRedirect({ type: 'RequestRedirect', statusCode: 302, ...redirect }, listenerPort, 'http', 'f')(request);
}

describe('redirect Location', () => {
  it('keeps the request host (without its port), path and query when the filter names none of them', () => {
    assert.equal(location({}, 80), 'http://gw.example.com/a/b?x=1');
    assert.equal(location({ hostname: 'example.org' }, 80), 'http://example.org/a/b?x=1');
  });

  it('uses the listener port when no scheme and no port are given, leaving out 80 for http', () => {
    assert.equal(location({ hostname: 'example.org' }, 8080), 'http://example.org:8080/a/b?x=1');
    assert.equal(location({ hostname: 'example.org', port: 80 }, 8080), 'http://example.org/a/b?x=1');
    assert.equal(location({ hostname: 'example.org', port: 8083 }, 80), 'http://example.org:8083/a/b?x=1');
  });

  it("uses the scheme's well-known port when a scheme is given without a port", () => {
    assert.equal(location({ scheme: 'https' }, 8080), 'https://gw.example.com/a/b?x=1');
    assert.equal(location({ scheme: 'http' }, 8080), 'http://gw.example.com/a/b?x=1');
    assert.equal(location({ scheme: 'https', port: 443 }, 80), 'https://gw.example.com/a/b?x=1');
    assert.equal(location({ scheme: 'https', port: 8443 }, 80), 'https://gw.example.com:8443/a/b?x=1');
    assert.equal(location({ scheme: 'https', port: 80 }, 80), 'https://gw.example.com:80/a/b?x=1');
  });

  it('rewrites the path with ReplaceFullPath or ReplacePrefixMatch', () => {
    const request = { host: 'gw', path: '/original-prefix/lemon', query: '' };
    assert.equal(location({ path: { type: 'ReplacePrefixMatch', prefix: '/original-prefix', value: '/replacement-prefix' } }, 80, request), 'http://gw/replacement-prefix/lemon');
    assert.equal(location({ path: { type: 'ReplaceFullPath', value: '/full-path-replacement' } }, 80, request), 'http://gw/full-path-replacement');
  });

  it('strips the port from host names and IPv6 literals', () => {
    assert.equal(hostWithoutPort('a.example:81'), 'a.example');
    assert.equal(hostWithoutPort('[::1]:8080'), '[::1]');
    assert.equal(hostWithoutPort('[::1]'), '[::1]');
    assert.equal(hostWithoutPort('a.example'), 'a.example');
  });
});
