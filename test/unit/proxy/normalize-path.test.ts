import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { clientRouteRequestOf } from '../../../reference-impl/proxy/client-route-request.ts';
import { normalizePath } from '../../../reference-impl/proxy/router/normalize-path.ts';

describe('request path normalization', () => {
  it('returns an already normal path as the same string', () => {
    for (const path of ['/', '/a', '/a/b/', '/a.b/c..d/.e', '/a-b_c~d']) assert.equal(normalizePath(path), path);
  });

  it('removes dot-segments, keeping the trailing slash they leave (RFC 3986 5.2.4)', () => {
    const cases: [string, string][] = [
      ['/a/./b', '/a/b'],
      ['/a/../b', '/b'],
      ['/a/b/..', '/a/'],
      ['/a/b/.', '/a/b/'],
      ['/../../etc/passwd', '/etc/passwd'],
      ['/a/b/../../..', '/'],
      ['/.', '/'],
      ['/..', '/'],
    ];
    for (const [input, expected] of cases) assert.equal(normalizePath(input), expected, input);
  });

  it('decodes escaped unreserved characters (dots included) and upper-cases the other escapes', () => {
    const cases: [string, string][] = [
      ['/%7Euser/%41%62c', '/~user/Abc'],
      ['/a/%2e%2E/b', '/b'],
      ['/a/%2e/b', '/a/b'],
      ['/a%2fb', '/a%2Fb'],
      ['/a%2F..%2Fadmin', '/a%2F..%2Fadmin'],
      ['/sp%20ace', '/sp%20ace'],
      ['/%zz/%4', '/%zz/%4'],
      ['/caf%c3%a9', '/caf%C3%A9'],
    ];
    for (const [input, expected] of cases) assert.equal(normalizePath(input), expected, input);
  });

  it('merges runs of slashes, keeping a trailing one', () => {
    assert.equal(normalizePath('//admin'), '/admin');
    assert.equal(normalizePath('/a//b///c//'), '/a/b/c/');
    assert.equal(normalizePath('///'), '/');
  });

  it('normalizes the path of the request target and keeps its query as sent', () => {
    const incoming = (url: string) => ({ url, method: 'GET', headers: { host: 'h' } }) as unknown as IncomingMessage;
    const request = clientRouteRequestOf(incoming('/a/../b//c?x=/../%2e'));
    assert.deepEqual([request?.path, request?.target], ['/b/c', '/b/c?x=/../%2e']);
    const absolute = clientRouteRequestOf(incoming('http://h.example/%2e%2e//x/%7e?q'));
    assert.deepEqual([absolute?.path, absolute?.target, absolute?.authority], ['/x/~', '/x/~?q', 'h.example']);
    assert.equal(clientRouteRequestOf(incoming('/a#frag')), undefined, 'a fragment is no part of a request target');
  });
});
