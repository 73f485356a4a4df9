import assert from 'node:assert/strict';
import type { HttpMatchIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { seededRandom } from '../../../reference-impl/proxy/backend/seeded-random.ts';
import { benchRouteRequest, benchRouteTable } from '../../../reference-impl/proxy/bench/route-table.ts';
import { compileMatch } from '../../../reference-impl/proxy/router/compile-match.ts';
import { compileRouter, type RouteRequest } from '../../../reference-impl/proxy/router/compile-router.ts';
import { type IndexedRule, ruleFinder } from '../../../reference-impl/proxy/router/rule-index.ts';
import { listener } from './ir-builders.ts';

function request(path: string, method = 'GET', headers: Record<string, string> = {}): RouteRequest {
  return { host: 'h', path, method, query: new URLSearchParams(), headers: (name) => headers[name] };
}

const SEGMENTS = ['a', 'b', 'api', 'v1', 'x'];

describe('rule index (router)', () => {
  it('finds the same rule as a scan in precedence order, for random rule sets and paths', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const randomPath = (): string => `/${Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SEGMENTS)).join('/')}${random() < 0.2 ? '/' : ''}`;
    for (let set = 0; set < 30; set++) {
      const rules: IndexedRule<number>[] = Array.from({ length: 16 + Math.floor(random() * 40) }, (_, index) => {
        const type = pick(['Exact', 'PathPrefix', 'PathPrefix', 'RegularExpression'] as const);
        const value = type === 'RegularExpression' ? `/${pick(SEGMENTS)}.*` : random() < 0.05 ? '/' : randomPath();
        const m: HttpMatchIR = { path: { type, value }, headers: random() < 0.2 ? [{ type: 'Exact', name: 'x-team', value: 'blue' }] : [], queryParams: [], ...(random() < 0.2 ? { method: 'POST' } : {}) };
        return { path: m.path, matches: compileMatch(m), value: index };
      });
      const find = ruleFinder(rules);
      for (let n = 0; n < 200; n++) {
        const req = request(randomPath(), random() < 0.5 ? 'GET' : 'POST', random() < 0.5 ? { 'x-team': 'blue' } : {});
        const scanned = rules.find((rule) => rule.matches(req))?.value;
        assert.equal(find(req), scanned, `rule set ${set}, ${req.method} ${req.path}`);
      }
    }
  });

  it('routes the bench request to the middle one of 10,000 routes', () => {
    const router = compileRouter(listener(benchRouteTable(10_000, { address: '127.0.0.1', port: 1 })));
    const { host, path } = benchRouteRequest(10_000);
    const decision = router.route({ ...request(path.split('?')[0] ?? path), host });
    assert.equal(decision.kind === 'matched' ? decision.rule.id : decision.kind, 'bench/route-5000/rule/0/match/0');
    assert.equal(router.route({ ...request('/service-5/more'), host: 'team-99.bench.example' }).kind, 'matched');
    assert.equal(router.route({ ...request('/service-100'), host: 'team-1.bench.example' }).kind, 'no-route');
  });
});
