import assert from 'node:assert/strict';
import type { BackendIR, RouteRuleIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { compileRulePlan, PLAIN_PLAN } from '../../../reference-impl/proxy/router/rule-plan.ts';
import { rule, service } from './ir-builders.ts';

const listener = { port: 8080, scheme: 'http' as const };

function withParts(parts: Partial<RouteRuleIR>): RouteRuleIR {
  return { ...rule('ns/r/rule/0/match/0'), ...parts };
}

function withFilters(backend: BackendIR): BackendIR {
  assert.ok(backend.kind === 'service');
  return { ...backend, filters: [{ type: 'ResponseHeaderModifier', set: [], add: [], remove: ['x'] }] };
}

describe('rule plans', () => {
  it('keeps rules without filters, timeouts, retry or h2c backends on the shared plain plan', () => {
    assert.equal(compileRulePlan(rule('r'), listener), PLAIN_PLAN);
    const websocket = { ...service('ws'), protocol: 'websocket' as const } as BackendIR;
    assert.equal(compileRulePlan(withParts({ backends: [websocket, { kind: 'invalid', name: 'x', weight: 1, reason: 'gone' }] }), listener), PLAIN_PLAN);
  });

  it('gives a full plan to rules with filters, timeouts, retry, backend filters or an h2c backend', () => {
    const h2c = { ...service('h2c'), protocol: 'h2c' as const } as BackendIR;
    const cases: Partial<RouteRuleIR>[] = [
      { filters: [{ type: 'RequestHeaderModifier', set: [], add: [], remove: ['x'] }] },
      { timeouts: { requestMs: 100 } },
      { retry: { codes: [500], attempts: 2, backoffMs: 0 } },
      { backends: [h2c] },
      { backends: [{ ...withFilters(service('b')) }] },
    ];
    for (const parts of cases) assert.equal(compileRulePlan(withParts(parts), listener).kind, 'full', JSON.stringify(parts));
  });

  it('reads timeouts of 0 as no limit, with backendRequest 0 lifting the default attempt limits, and one attempt as no retry', () => {
    const plan = compileRulePlan(withParts({ timeouts: { requestMs: 0, backendRequestMs: 0 }, retry: { codes: [500], attempts: 1, backoffMs: 0 } }), listener);
    assert.ok(plan.kind === 'full');
    assert.deepEqual([plan.requestMs, plan.backendRequestMs, plan.unboundedAttempts, plan.retry], [undefined, undefined, true, undefined]);
  });

  it("turns the IR's failure and uncompilable rule filters into a 500 with the reason", () => {
    const failed = compileRulePlan(withParts({ failure: { reason: 'ExtensionRef not supported' } }), listener);
    assert.deepEqual(failed, { kind: 'failure', reason: 'rule ns/r/rule/0/match/0 cannot be served: ExtensionRef not supported' });
    const uncompilable = compileRulePlan(withParts({ filters: [{ type: 'URLRewrite', hostname: 'bad host' }] }), listener);
    assert.ok(uncompilable.kind === 'failure');
    assert.match(uncompilable.reason, /^rule ns\/r\/rule\/0\/match\/0 filters\[0\] \(URLRewrite\): hostname "bad host" is not a DNS name/);
  });

  it('keeps a backend whose filters cannot work as a failure of that backend only', () => {
    const good = service('good');
    const bad = { ...service('bad'), protocol: 'http' as const, filters: [{ type: 'CORS' as const, allowOrigins: ['nope'], allowMethods: [], allowHeaders: [], exposeHeaders: [], allowCredentials: false, maxAgeSeconds: 5 }] };
    const plan = compileRulePlan(withParts({ backends: [good, bad] }), listener);
    assert.ok(plan.kind === 'full');
    assert.ok(!('failure' in (plan.backendChains.get(good) ?? {})));
    const badChain = plan.backendChains.get(bad);
    assert.ok(badChain !== undefined && 'failure' in badChain);
    assert.match(badChain.failure, /backends\[1\] \(bad\) filters\[0\] \(CORS\): allowed origin "nope"/);
  });
});
