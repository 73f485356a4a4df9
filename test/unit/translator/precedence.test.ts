import assert from 'node:assert/strict';
import type { CompiledRule } from '../../../reference-impl/controller/translator/http-route/http-rule-compiler.ts';
import { compareRulePrecedence } from '../../../reference-impl/controller/translator/route-precedence.ts';
import type { HTTPRouteObject } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, httpListener, httpRoute, irRules, snapshot } from './fixtures.ts';

function orderedIds(routes: HTTPRouteObject[]): string[] {
  const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: routes }), { controllerName: CONTROLLER });
  return irRules(result, 'infra/gw', 80, '*').map((rule) => rule.id);
}

describe('translator: matches and precedence', () => {
  it('defaults a missing match and a missing path to PathPrefix /', () => {
    const result = translate(
      snapshot({
        gateways: [gateway('gw', [httpListener('http')])],
        httpRoutes: [httpRoute('r', { parentRefs: [{ name: 'gw' }], rules: [{}, { matches: [{ method: 'GET' }] }] })],
      }),
      { controllerName: CONTROLLER },
    );
    const rules = irRules(result, 'infra/gw', 80, '*');
    assert.deepEqual(
      rules.map((rule) => rule.match),
      [
        { path: { type: 'PathPrefix', value: '/' }, headers: [], method: 'GET', queryParams: [] },
        { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] },
      ],
    );
  });

  it('lower-cases header names, defaults types to Exact and keeps only the first of repeated names', () => {
    const route = httpRoute('r', {
      parentRefs: [{ name: 'gw' }],
      rules: [
        {
          matches: [
            {
              path: { type: 'Exact', value: '/x' },
              headers: [
                { name: 'X-Env', value: 'a' },
                { name: 'x-env', value: 'b' },
              ],
              queryParams: [
                { name: 'q', value: '1', type: 'RegularExpression' },
                { name: 'Q', value: '2' },
                { name: 'q', value: '3' },
              ],
            },
          ],
        },
      ],
    });
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: [route] }), { controllerName: CONTROLLER });
    assert.deepEqual(irRules(result, 'infra/gw', 80, '*')[0]?.match, {
      path: { type: 'Exact', value: '/x' },
      headers: [{ type: 'Exact', name: 'x-env', value: 'a' }],
      queryParams: [
        { type: 'RegularExpression', name: 'q', value: '1' },
        { type: 'Exact', name: 'Q', value: '2' },
      ],
    });
  });

  it('orders exact before prefix, longer prefix first, then method, headers, query params', () => {
    const route = httpRoute('r', {
      parentRefs: [{ name: 'gw' }],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/a' }, queryParams: [{ name: 'q', value: '1' }] }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/a' }, headers: [{ name: 'h', value: '1' }] }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/a' }, method: 'GET' }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/a/b' } }] },
        { matches: [{ path: { type: 'Exact', value: '/' } }] },
        {
          matches: [
            { path: { type: 'PathPrefix', value: '/a' }, headers: [{ name: 'h', value: '1' }], queryParams: [{ name: 'q', value: '1' }] },
            { path: { type: 'PathPrefix', value: '/a' }, headers: [{ name: 'h', value: '1' }, { name: 'i', value: '2' }] },
          ],
        },
      ],
    });
    assert.deepEqual(orderedIds([route]), [
      'infra/r/rule/5/match/0',
      'infra/r/rule/4/match/0',
      'infra/r/rule/3/match/0',
      'infra/r/rule/6/match/1',
      'infra/r/rule/6/match/0',
      'infra/r/rule/2/match/0',
      'infra/r/rule/1/match/0',
      'infra/r/rule/0/match/0',
    ]);
  });

  it('breaks ties by oldest route, then namespace/name, then rule order', () => {
    const same = { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ matches: [{ path: { type: 'PathPrefix' as const, value: '/x' } }] }, {}] };
    const routes = [
      httpRoute('newer', same, { created: '2026-03-01T00:00:00Z' }),
      httpRoute('b-old', same, { created: '2026-01-01T00:00:00Z' }),
      httpRoute('a-old', same, { created: '2026-01-01T00:00:00Z' }),
    ];
    assert.deepEqual(orderedIds(routes), [
      'infra/a-old/rule/0/match/0',
      'infra/b-old/rule/0/match/0',
      'infra/newer/rule/0/match/0',
      'infra/a-old/rule/1/match/0',
      'infra/b-old/rule/1/match/0',
      'infra/newer/rule/1/match/0',
    ]);
  });

  it('ignores the order routes arrive in', () => {
    const spec = { parentRefs: [{ name: 'gw' }], rules: [{}] };
    const routes = [httpRoute('z', spec), httpRoute('m', spec), httpRoute('a', spec)];
    assert.deepEqual(orderedIds(routes), orderedIds([...routes].reverse()));
    assert.deepEqual(orderedIds(routes), ['infra/a/rule/0/match/0', 'infra/m/rule/0/match/0', 'infra/z/rule/0/match/0']);
  });

  it('orders equal matches of one route by rule index, then match index, whatever order they come in', () => {
    const compiled = (ruleIndex: number, matchIndex: number): CompiledRule => ({
      rule: { id: `${ruleIndex}/${matchIndex}`, match: { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }, filters: [], backends: [] },
      route: { namespace: 'infra', name: 'r', creationTimestamp: '2026-01-01T00:00:00Z' },
      ruleIndex,
      matchIndex,
    });
    const sorted = [compiled(1, 0), compiled(0, 1), compiled(0, 0)].sort(compareRulePrecedence);
    assert.deepEqual(
      sorted.map((rule) => rule.rule.id),
      ['0/0', '0/1', '1/0'],
    );
  });

  it('sorts a route with an unknown creation time after dated ones', () => {
    const spec = { parentRefs: [{ name: 'gw' }], rules: [{}] };
    const undated = httpRoute('a-undated', spec);
    undated.metadata.creationTimestamp = undefined;
    assert.deepEqual(orderedIds([undated, httpRoute('z-dated', spec)]), ['infra/z-dated/rule/0/match/0', 'infra/a-undated/rule/0/match/0']);
  });
});
