// The reconciler's memo must never change a translation: every pass with it equals the same pass without it,
// whether the memo hands back compiled routes or has to drop them because something they read changed; and the
// IR JSON written from rule objects the memo handed back is JSON.stringify's.
import assert from 'node:assert/strict';
import { gatewayIrJson } from '../../../reference-impl/controller/config-server/gateway-ir-json.ts';
import { DEFAULT_CONTROLLER_NAME } from '../../../reference-impl/controller/controller-settings.ts';
import { buildSnapshot } from '../../../reference-impl/controller/provider/snapshot-builder.ts';
import type { ClusterSnapshot } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { TranslationMemo } from '../../../reference-impl/controller/translator/translation-memo.ts';
import { CONTROLLER, endpointSlice, gateway, httpListener, httpRoute, irRules, namespace, routeParents, service, snapshot, summary } from './fixtures.ts';
import { scenarioCases } from './golden/golden-cases.ts';
import { clusterObjects } from './golden/golden-cluster.ts';

const NOW = new Date('2026-11-26T10:00:00Z');

function both(state: ClusterSnapshot, memo: TranslationMemo) {
  return { withMemo: translate(state, { controllerName: CONTROLLER, memo }), fresh: translate(state, { controllerName: CONTROLLER }) };
}

describe('translator: the memo of compiled routes', () => {
  it('reuses a compiled route while the route and every indexed object are the same objects', () => {
    const memo = new TranslationMemo();
    const routes = [httpRoute('a', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'echo', port: 8080 }] }] })];
    const parts = { gateways: [gateway('gw', [httpListener('http')])], namespaces: [namespace('infra')], services: [service('echo')], endpointSlices: [endpointSlice('echo', [{ address: '127.0.10.1' }])] };
    const first = both(snapshot({ ...parts, httpRoutes: routes }), memo);
    assert.deepEqual(memo.takeCounts(), { compiled: 1, reused: 0 });
    assert.deepEqual(first.withMemo, first.fresh);
    // One more route, everything else the same objects: only the new route is compiled.
    routes.push(httpRoute('b', { parentRefs: [{ name: 'gw' }], hostnames: ['b.example.com'], rules: [{ backendRefs: [{ name: 'echo', port: 8080 }] }] }));
    const second = both(snapshot({ ...parts, httpRoutes: routes }), memo);
    assert.deepEqual(memo.takeCounts(), { compiled: 1, reused: 1 });
    assert.deepEqual(second.withMemo, second.fresh);
  });

  it('compiles every route again when an object the index is built from changes (a Service goes, its refs stop resolving)', () => {
    const memo = new TranslationMemo();
    const route = httpRoute('a', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'echo', port: 8080 }] }] });
    const gateways = [gateway('gw', [httpListener('http')])];
    const same = { gateways, httpRoutes: [route], namespaces: [namespace('infra')], endpointSlices: [endpointSlice('echo', [{ address: '127.0.10.1' }])] };
    both(snapshot({ ...same, services: [service('echo')] }), memo);
    both(snapshot({ ...same, services: [service('echo')] }), memo);
    // A Service equal to the last one but another object (a new version from the watch) also counts as a change.
    assert.deepEqual(memo.takeCounts(), { compiled: 2, reused: 0 });
    both(snapshot({ ...same, services: [] }), memo);
    both(snapshot({ ...same, services: [] }), memo);
    assert.deepEqual(memo.takeCounts(), { compiled: 1, reused: 1 });
    const { withMemo, fresh } = both(snapshot({ ...same, services: [] }), memo);
    assert.deepEqual(withMemo, fresh);
    assert.equal(summary(routeParents(withMemo, 'a')[0]?.conditions ?? []).ResolvedRefs, 'False/BackendNotFound');
    assert.deepEqual(irRules(withMemo, 'infra/gw', 80, '*')[0]?.backends.map((backend) => backend.kind), ['invalid']);
  });

  it('gives the same translation as none for every golden scenario, translated twice over the same objects', async function () {
    // Every scenario's states, each translated three times: seconds on a busy machine.
    this.timeout(60_000);
    let reusedRoutes = 0;
    for (const goldenCase of scenarioCases('scenarios', 'test/golden/translator/scenarios')) {
      const memo = new TranslationMemo();
      for (const state of await goldenCase.states()) {
        const watched = clusterObjects(state.manifests, goldenCase.channel);
        const fresh = translate(buildSnapshot(watched, NOW), { controllerName: DEFAULT_CONTROLLER_NAME });
        translate(buildSnapshot(watched, NOW), { controllerName: DEFAULT_CONTROLLER_NAME, memo });
        // The second pass over the same objects reuses every compiled route: the case that could go wrong.
        const reused = translate(buildSnapshot(watched, NOW), { controllerName: DEFAULT_CONTROLLER_NAME, memo });
        assert.deepEqual(reused, fresh, `${goldenCase.name}, ${state.label}: the memo changed the translation`);
        // The config server's JSON keeps each rule's text with the rule object: it must stay JSON.stringify's.
        for (const [key, ir] of reused.gateways) assert.equal(gatewayIrJson(ir), JSON.stringify(ir), `${goldenCase.name}, ${state.label}: the IR JSON of ${key}`);
      }
      reusedRoutes += memo.takeCounts().reused;
    }
    assert.ok(reusedRoutes > 100, `only ${reusedRoutes} compiled routes were reused: the memo was hardly exercised`);
  });
});
