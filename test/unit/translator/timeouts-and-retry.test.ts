// Rule timeouts and retry as the IR carries them.
import assert from 'node:assert/strict';
import type { HTTPRouteRule } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, httpListener, httpRoute, irRules, routeParents, service, snapshot, summary } from './fixtures.ts';

/** The rule under test, beside a plain one that keeps the route attached when the first is invalid. */
function served(rule: HTTPRouteRule) {
  const echo = [{ name: 'echo', port: 8080 }];
  const route = httpRoute('r', { parentRefs: [{ name: 'gw' }], rules: [{ ...rule, backendRefs: echo }, { matches: [{ path: { value: '/plain' } }], backendRefs: echo }] });
  const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: [route], services: [service('echo')] }), { controllerName: CONTROLLER });
  return {
    rule: irRules(result, 'infra/gw', 80, '*').find((candidate) => candidate.id === 'infra/r/rule/0/match/0'),
    conditions: summary(routeParents(result, 'r')[0]?.conditions ?? []),
  };
}

describe('translator: timeouts and retry', () => {
  it('carries timeouts in milliseconds, a disabled one (0s) as 0, and leaves out an absent one', () => {
    assert.deepEqual(served({ timeouts: { request: '1m30s', backendRequest: '250ms' } }).rule?.timeouts, { requestMs: 90_000, backendRequestMs: 250 });
    assert.deepEqual(served({ timeouts: { request: '0s', backendRequest: '2s' } }).rule?.timeouts, { requestMs: 0, backendRequestMs: 2_000 });
    assert.deepEqual(served({ timeouts: { request: '0s' } }).rule?.timeouts, { requestMs: 0 });
    assert.equal(served({ timeouts: {} }).rule?.timeouts, undefined);
    assert.equal(served({}).rule?.timeouts, undefined);
  });

  it('makes a rule with a duration that is not GEP-2257 answer 500 (UnsupportedValue)', () => {
    const { rule, conditions } = served({ timeouts: { request: '10' } });
    assert.match(rule?.failure?.reason ?? '', /^UnsupportedValue: rules\[0\]\.timeouts\.request "10" is not a Gateway API duration/);
    assert.equal(conditions.PartiallyInvalid, 'True/UnsupportedValue');
  });

  it('counts attempts in all (the route counts retries) and fills in one retry and 25 ms when omitted', () => {
    assert.deepEqual(served({ retry: { codes: [503, 500, 503], attempts: 3, backoff: '1s' } }).rule?.retry, { codes: [503, 500], attempts: 4, backoffMs: 1_000 });
    assert.deepEqual(served({ retry: {} }).rule?.retry, { codes: [], attempts: 2, backoffMs: 25 });
    assert.equal(served({}).rule?.retry, undefined);
  });

  it('refuses retry codes outside 400-599 and fewer than one attempt', () => {
    for (const retry of [{ codes: [302] }, { attempts: 0 }]) {
      const { rule, conditions } = served({ retry });
      assert.match(rule?.failure?.reason ?? '', /^UnsupportedValue: rules\[0\]\.retry\./, JSON.stringify(retry));
      assert.equal(conditions.PartiallyInvalid, 'True/UnsupportedValue');
    }
  });
});
