// HTTPRoute filters in the translator: what each becomes in the IR and what the route's status says. The
// golden cases (test/golden/translator/edge-cases) pin whole outputs; these pin the rules one by one.
import assert from 'node:assert/strict';
import type { ClusterSnapshot, HTTPRouteRule } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import type { HttpFilterIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { CONTROLLER, gateway, httpListener, httpRoute, irRules, listenerStatus, routeParents, service, snapshot, summary } from './fixtures.ts';

const echo = { name: 'echo', port: 8080 };

function translateRules(rules: HTTPRouteRule[], parts: Partial<ClusterSnapshot> = {}) {
  const route = httpRoute('r', { parentRefs: [{ name: 'gw' }], rules });
  const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: [route], services: [service('echo'), service('other')], ...parts }), {
    controllerName: CONTROLLER,
  });
  const parent = routeParents(result, 'r')[0];
  const rulesServed = result.gateways.get('infra/gw')?.listeners[0]?.virtualHosts.length ? irRules(result, 'infra/gw', 80, '*') : [];
  return { result, rules: rulesServed, conditions: summary(parent?.conditions ?? []), messages: Object.fromEntries((parent?.conditions ?? []).map((c) => [c.type, c.message])) };
}

function onlyFilters(rule: HTTPRouteRule): HttpFilterIR[] {
  const [served] = translateRules([rule]).rules;
  assert.ok(served, 'the rule is served');
  return served.filters;
}

describe('translator: HTTPRoute filters', () => {
  it('keeps filters in route order, with header names deduplicated without regard to case (first wins)', () => {
    const filters = onlyFilters({
      filters: [
        { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['Server', 'server'] } },
        { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }], add: [{ name: 'X-B', value: 'p,q' }] } },
      ],
      backendRefs: [echo],
    });
    assert.deepEqual(filters, [
      { type: 'ResponseHeaderModifier', set: [], add: [], remove: ['Server'] },
      { type: 'RequestHeaderModifier', set: [{ name: 'X-A', value: '1' }], add: [{ name: 'X-B', value: 'p,q' }], remove: [] },
    ]);
  });

  it('gives a redirect the default status 302 and a ReplacePrefixMatch the rule’s prefix', () => {
    const filters = onlyFilters({
      matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
      filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } } }],
    });
    assert.deepEqual(filters, [{ type: 'RequestRedirect', path: { type: 'ReplacePrefixMatch', prefix: '/old', value: '/new' }, statusCode: 302 }]);
  });

  it('turns percent into p/100, keeps a fraction (denominator 100 by default) and mirrors everything by default', () => {
    const mirror = (share: object) => ({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'other', port: 8080 }, ...share } });
    const filters = onlyFilters({ filters: [mirror({ percent: 20 }), mirror({ fraction: { numerator: 25, denominator: 50 } }), mirror({ fraction: { numerator: 3 } }), mirror({})], backendRefs: [echo] });
    assert.deepEqual(
      filters.map((filter) => (filter.type === 'RequestMirror' ? filter.fraction : undefined)),
      [
        { numerator: 20, denominator: 100 },
        { numerator: 25, denominator: 50 },
        { numerator: 3, denominator: 100 },
        { numerator: 1, denominator: 1 },
      ],
    );
  });

  it('serves a rule whose mirror backend is missing, sends no copy, and reports BackendNotFound', () => {
    const { rules, conditions } = translateRules([{ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'ghost', port: 8080 } } }], backendRefs: [echo] }]);
    const [mirror] = rules[0]?.filters ?? [];
    assert.equal(mirror?.type === 'RequestMirror' && mirror.backend.kind, 'invalid');
    assert.equal(rules[0]?.backends[0]?.kind, 'service');
    assert.equal(rules[0]?.failure, undefined);
    assert.deepEqual(conditions, { Accepted: 'True/Accepted', ResolvedRefs: 'False/BackendNotFound' });
  });

  it('makes a rule with an ExtensionRef answer 500 and reports InvalidKind, keeping the route accepted', () => {
    const { rules, conditions, messages } = translateRules([
      { matches: [{ path: { value: '/ext' } }], filters: [{ type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Quota', name: 'q' } }], backendRefs: [echo] },
      { backendRefs: [echo] },
    ]);
    const byPath = Object.fromEntries(rules.map((rule) => [rule.match.path.value, rule]));
    assert.match(byPath['/ext']?.failure?.reason ?? '', /^InvalidKind: rules\[0\]\.filters\[0\]: ExtensionRef to example\.com\/Quota q/);
    assert.deepEqual(byPath['/ext']?.backends, []);
    assert.equal(byPath['/']?.failure, undefined);
    assert.deepEqual(conditions, { Accepted: 'True/Accepted', ResolvedRefs: 'False/InvalidKind' });
    assert.match(messages.ResolvedRefs ?? '', /example\.com\/Quota/);
  });

  it('makes only the backend whose own filter is an ExtensionRef invalid', () => {
    const { rules } = translateRules([{ backendRefs: [{ ...echo, filters: [{ type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Sign', name: 's' } }] }, { name: 'other', port: 8080 }] }]);
    assert.deepEqual(
      rules[0]?.backends.map((backend) => backend.kind),
      ['invalid', 'service'],
    );
    assert.equal(rules[0]?.failure, undefined);
  });

  it('answers 500 for a rule with RequestRedirect and URLRewrite, with PartiallyInvalid while another rule is valid', () => {
    const { rules, conditions, messages } = translateRules([
      { matches: [{ path: { value: '/both' } }], filters: [{ type: 'RequestRedirect', requestRedirect: {} }, { type: 'URLRewrite', urlRewrite: { hostname: 'x.example' } }] },
      { backendRefs: [echo] },
    ]);
    assert.match(rules.find((rule) => rule.match.path.value === '/both')?.failure?.reason ?? '', /^IncompatibleFilters: /);
    assert.deepEqual(conditions, { Accepted: 'True/Accepted', ResolvedRefs: 'True/ResolvedRefs', PartiallyInvalid: 'True/UnsupportedValue' });
    assert.match(messages.PartiallyInvalid ?? '', /^Dropped Rule 0 \(IncompatibleFilters: rules\[0\]\.filters: RequestRedirect and URLRewrite may not be used together\)$/);
  });

  it('refuses a route none of whose rules is valid, with the first rule’s reason, and attaches it nowhere', () => {
    const { result, rules, conditions } = translateRules([
      { filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: {} }, { type: 'RequestHeaderModifier', requestHeaderModifier: {} }], backendRefs: [echo] },
      { filters: [{ type: 'NoSuchFilter' }], backendRefs: [echo] },
    ]);
    assert.equal(conditions.Accepted, 'False/IncompatibleFilters');
    assert.equal(conditions.PartiallyInvalid, undefined, 'PartiallyInvalid is only set while some rules are valid');
    assert.deepEqual(rules, []);
    assert.equal(listenerStatus(result, 'gw', 'http').attachedRoutes, 0);
  });

  it('refuses ReplacePrefixMatch unless the rule has exactly one PathPrefix match (UnsupportedValue)', () => {
    const rewrite = { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/x' } } };
    for (const matches of [[{ path: { type: 'Exact', value: '/a' } }], [{ path: { value: '/a' } }, { path: { value: '/b' } }]]) {
      const { conditions } = translateRules([{ matches, filters: [rewrite], backendRefs: [echo] }]);
      assert.equal(conditions.Accepted, 'False/UnsupportedValue', JSON.stringify(matches));
    }
    assert.equal(translateRules([{ filters: [rewrite], backendRefs: [echo] }]).conditions.Accepted, 'True/Accepted', 'no matches means one PathPrefix / match');
  });

  it('leaves out a rule whose match cannot compile, and keeps the others', () => {
    const { rules, conditions } = translateRules([{ matches: [{ path: { type: 'RegularExpression', value: '(' } }], backendRefs: [echo] }, { backendRefs: [echo] }]);
    assert.deepEqual(
      rules.map((rule) => rule.id),
      ['infra/r/rule/1/match/0'],
    );
    assert.equal(conditions.PartiallyInvalid, 'True/UnsupportedValue');
  });
});
