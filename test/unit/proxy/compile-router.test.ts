import assert from 'node:assert/strict';
import { compileRouter, type RouteRequest, type Router } from '../../../reference-impl/proxy/router/compile-router.ts';
import { listener, match, rule, vhost } from './ir-builders.ts';

function request(partial: Partial<Omit<RouteRequest, 'headers' | 'query'>> & { headers?: Record<string, string>; query?: string } = {}): RouteRequest {
  const headers = partial.headers ?? {};
  return {
    host: partial.host ?? 'example.com',
    path: partial.path ?? '/',
    method: partial.method ?? 'GET',
    query: new URLSearchParams(partial.query ?? ''),
    headers: (name) => headers[name],
  };
}

function routedRule(router: Router, req: RouteRequest): string {
  const decision = router.route(req);
  return decision.kind === 'matched' ? decision.rule.id : 'no-route';
}

describe('compileRouter', () => {
  describe('host selection', () => {
    const router = compileRouter(
      listener([
        vhost('*', [rule('any')]),
        vhost('*.example.com', [rule('wild')]),
        vhost('*.a.example.com', [rule('wild-a')]),
        vhost('foo.example.com', [rule('exact')]),
      ]),
    );

    it('prefers an exact hostname, ignoring port and case', () => {
      assert.equal(routedRule(router, request({ host: 'FOO.Example.com:8080' })), 'exact');
    });
    it('treats a trailing dot (fully qualified name) as the same host, with or without a port', () => {
      assert.equal(routedRule(router, request({ host: 'foo.example.com.' })), 'exact');
      assert.equal(routedRule(router, request({ host: 'FOO.EXAMPLE.COM.:80' })), 'exact');
      assert.equal(routedRule(router, request({ host: 'x.a.example.com.' })), 'wild-a');
    });
    it('takes the longest matching wildcard suffix', () => {
      assert.equal(routedRule(router, request({ host: 'x.a.example.com' })), 'wild-a');
      assert.equal(routedRule(router, request({ host: 'bar.example.com' })), 'wild');
      assert.equal(routedRule(router, request({ host: 'a.b.example.com' })), 'wild');
    });
    it('does not let a wildcard match its bare suffix', () => {
      assert.equal(routedRule(router, request({ host: 'example.com' })), 'any');
    });
    it('falls back to * and otherwise to no-route', () => {
      assert.equal(routedRule(router, request({ host: 'other.org' })), 'any');
      const noCatchAll = compileRouter(listener([vhost('foo.example.com', [rule('exact')])]));
      assert.equal(routedRule(noCatchAll, request({ host: 'other.org' })), 'no-route');
    });
    it('answers no-route when the selected vhost has no matching rule (no fallback to a wider vhost)', () => {
      const r = compileRouter(
        listener([vhost('foo.example.com', [rule('only-a', match({ path: { type: 'Exact', value: '/a' } }))]), vhost('*', [rule('any')])]),
      );
      assert.equal(routedRule(r, request({ host: 'foo.example.com', path: '/b' })), 'no-route');
    });
    it('handles IPv6 literal hosts with a port', () => {
      const r = compileRouter(listener([vhost('[::1]', [rule('v6')])]));
      assert.equal(routedRule(r, request({ host: '[::1]:8080' })), 'v6');
    });
  });

  describe('path semantics', () => {
    const prefix = (value: string): Router =>
      compileRouter(listener([vhost('*', [rule('hit', match({ path: { type: 'PathPrefix', value } }))])]));

    it('PathPrefix matches whole segments only', () => {
      const r = prefix('/foo');
      for (const path of ['/foo', '/foo/', '/foo/bar']) assert.equal(routedRule(r, request({ path })), 'hit', path);
      assert.equal(routedRule(r, request({ path: '/foobar' })), 'no-route');
      assert.equal(routedRule(r, request({ path: '/' })), 'no-route');
    });
    it('ignores a trailing slash in the prefix', () => {
      const r = prefix('/foo/');
      assert.equal(routedRule(r, request({ path: '/foo' })), 'hit');
      assert.equal(routedRule(r, request({ path: '/foo/x' })), 'hit');
      assert.equal(routedRule(r, request({ path: '/foox' })), 'no-route');
    });
    it('prefix / matches everything', () => {
      const r = prefix('/');
      for (const path of ['/', '/a', '/a/b/c']) assert.equal(routedRule(r, request({ path })), 'hit', path);
    });
    it('Exact matches only the exact path', () => {
      const r = compileRouter(listener([vhost('*', [rule('hit', match({ path: { type: 'Exact', value: '/foo' } }))])]));
      assert.equal(routedRule(r, request({ path: '/foo' })), 'hit');
      assert.equal(routedRule(r, request({ path: '/foo/' })), 'no-route');
      assert.equal(routedRule(r, request({ path: '/foo/bar' })), 'no-route');
    });
    it('RegularExpression matches the whole path', () => {
      const r = compileRouter(listener([vhost('*', [rule('hit', match({ path: { type: 'RegularExpression', value: '/v[0-9]+/.*' } }))])]));
      assert.equal(routedRule(r, request({ path: '/v2/items' })), 'hit');
      assert.equal(routedRule(r, request({ path: '/api/v2/items' })), 'no-route');
    });
  });

  describe('headers, method, query', () => {
    const r = compileRouter(
      listener([
        vhost('*', [
          rule('header', match({ headers: [{ type: 'Exact', name: 'version', value: 'two' }] })),
          rule('header-regex', match({ headers: [{ type: 'RegularExpression', name: 'x-env', value: 'stag(e|ing)' }] })),
          rule('method', match({ method: 'POST' })),
          rule('query', match({ queryParams: [{ type: 'Exact', name: 'animal', value: 'whale' }] })),
          rule('query-regex', match({ queryParams: [{ type: 'RegularExpression', name: 'id', value: '[0-9]+' }] })),
        ]),
      ]),
    );

    it('matches a header value exactly', () => {
      assert.equal(routedRule(r, request({ headers: { version: 'two' } })), 'header');
      assert.equal(routedRule(r, request({ headers: { version: 'Two' } })), 'no-route');
    });
    it('looks header names up in lower case whatever case the IR uses', () => {
      const mixed = compileRouter(listener([vhost('*', [rule('h', match({ headers: [{ type: 'Exact', name: 'X-Mixed', value: 'v' }] }))])]));
      assert.equal(routedRule(mixed, request({ headers: { 'x-mixed': 'v' } })), 'h');
    });
    it('matches a header regex against the whole value', () => {
      assert.equal(routedRule(r, request({ headers: { 'x-env': 'staging' } })), 'header-regex');
      assert.equal(routedRule(r, request({ headers: { 'x-env': 'prestaging' } })), 'no-route');
    });
    it('matches the method', () => {
      assert.equal(routedRule(r, request({ method: 'POST' })), 'method');
      assert.equal(routedRule(r, request({ method: 'GET' })), 'no-route');
    });
    it('matches query parameters exactly, first value of a repeated one', () => {
      assert.equal(routedRule(r, request({ query: 'animal=whale' })), 'query');
      assert.equal(routedRule(r, request({ query: 'animal=dolphin&animal=whale' })), 'no-route');
      assert.equal(routedRule(r, request({ query: 'id=42' })), 'query-regex');
      assert.equal(routedRule(r, request({ query: 'id=4x2' })), 'no-route');
    });
    it('requires every condition of one match', () => {
      const both = compileRouter(
        listener([vhost('*', [rule('both', match({ method: 'GET', headers: [{ type: 'Exact', name: 'a', value: '1' }] }))])]),
      );
      assert.equal(routedRule(both, request({ headers: { a: '1' } })), 'both');
      assert.equal(routedRule(both, request({ method: 'PUT', headers: { a: '1' } })), 'no-route');
    });
  });

  describe('order and invalid input', () => {
    it('takes the first matching rule in IR order', () => {
      const r = compileRouter(
        listener([
          vhost('*', [
            rule('first', match({ path: { type: 'PathPrefix', value: '/a' } })),
            rule('second', match({ path: { type: 'Exact', value: '/a/b' } })),
            rule('third', match()),
          ]),
        ]),
      );
      assert.equal(routedRule(r, request({ path: '/a/b' })), 'first');
      assert.equal(routedRule(r, request({ path: '/z' })), 'third');
    });
    it('makes a rule with an invalid regex never match, reports it, and keeps the others', () => {
      const r = compileRouter(
        listener([vhost('*', [rule('broken', match({ path: { type: 'RegularExpression', value: '/(' } })), rule('fallback', match())])]),
      );
      assert.equal(routedRule(r, request({ path: '/(' })), 'fallback');
      assert.equal(r.warnings.length, 1);
      assert.equal(r.warnings[0]?.ruleId, 'broken');
      assert.match(r.warnings[0]?.message ?? '', /never match/);
    });
    it('routes to a rule whose filters cannot work (it answers 500) and reports it; IR failures are not warnings', () => {
      const broken = { ...rule('bad-filter'), filters: [{ type: 'RequestHeaderModifier' as const, set: [{ name: 'bad name', value: 'x' }], add: [], remove: [] }] };
      const failed = { ...rule('ir-failure', match({ path: { type: 'PathPrefix', value: '/f' } })), failure: { reason: 'unsupported filter' } };
      const r = compileRouter(listener([vhost('*', [failed, broken])]));
      const decision = r.route(request({ path: '/x' }));
      assert.ok(decision.kind === 'matched' && decision.plan.kind === 'failure');
      assert.equal(decision.rule.id, 'bad-filter');
      assert.deepEqual(
        r.warnings.map((w) => w.ruleId),
        ['bad-filter'],
      );
      assert.match(r.warnings[0]?.message ?? '', /filters\[0\] \(RequestHeaderModifier\) set: header name "bad name".*the rule answers 500$/);
    });
  });
});
