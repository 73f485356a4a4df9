import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { clientRouteRequestOf } from '../../../reference-impl/proxy/client-route-request.ts';

function incoming(url: string, headers: Record<string, string | string[]> = {}, method = 'GET'): IncomingMessage {
  return { url, method, headers } as unknown as IncomingMessage;
}

describe('client route request', () => {
  it('splits an origin-form target into path and query, keeping the whole target for upstream', () => {
    const req = clientRouteRequestOf(incoming('/a/b?x=1&x=2&y=', { host: 'Example.com:8080' }, 'POST'));
    assert.ok(req);
    assert.deepEqual([req.path, req.target, req.host, req.method], ['/a/b', '/a/b?x=1&x=2&y=', 'Example.com:8080', 'POST']);
    assert.equal(req.query.get('x'), '1');
    assert.equal(req.query.get('y'), '');
  });

  it('gives an empty query without a query string', () => {
    const req = clientRouteRequestOf(incoming('/plain'));
    assert.equal(req?.query.get('x'), null);
    assert.equal(req?.path, '/plain');
  });

  it('reads headers by lower-case name, joining repeated ones', () => {
    const req = clientRouteRequestOf(incoming('/', { 'x-one': 'a', 'x-many': ['b', 'c'] }));
    assert.equal(req?.headers('x-one'), 'a');
    assert.equal(req?.headers('x-many'), 'b, c');
    assert.equal(req?.headers('x-none'), undefined);
  });

  it('takes host, path and query from an absolute-form target', () => {
    const req = clientRouteRequestOf(incoming('http://Other.example:81/p/q?z=9', { host: 'ignored.example' }));
    assert.deepEqual([req?.host, req?.path, req?.target, req?.query.get('z')], ['other.example:81', '/p/q', '/p/q?z=9', '9']);
  });

  it('refuses targets that are neither a path nor an http(s) URL', () => {
    assert.equal(clientRouteRequestOf(incoming('*')), undefined);
    assert.equal(clientRouteRequestOf(incoming('ftp://example.com/x')), undefined);
    assert.equal(clientRouteRequestOf(incoming('not a url')), undefined);
  });
});
