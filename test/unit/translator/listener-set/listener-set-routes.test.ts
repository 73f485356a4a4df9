import assert from 'node:assert/strict';
import { translate } from '../../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, endpointSlice, httpListener, httpRoute, irRules, listenerStatus, routeParents, service, snapshot, summary } from '../fixtures.ts';
import { allowingGateway, listenerSet, setListener } from './listener-set-fixtures.ts';

const backend = [{ name: 'web', port: 8080 }];
const rule = (path: string) => ({ matches: [{ path: { type: 'PathPrefix', value: path } }], backendRefs: backend });
const setRef = (sectionName?: string) => ({ kind: 'ListenerSet', name: 'team', ...(sectionName ? { sectionName } : {}) });
const cluster = {
  gateways: [allowingGateway('gw', [httpListener('web', { hostname: 'gw.example' })])],
  listenerSets: [listenerSet('team', [httpListener('one', { hostname: 'one.example' }), httpListener('two', { hostname: 'two.example' })])],
  services: [service('web')],
  endpointSlices: [endpointSlice('web', [{ address: '10.0.0.1' }])],
};
const run = (routes: Parameters<typeof httpRoute>[1][]) =>
  translate(snapshot({ ...cluster, httpRoutes: routes.map((spec, index) => httpRoute(`r${index}`, spec)) }), { controllerName: CONTROLLER });

describe('translator: routes on ListenerSet listeners', () => {
  it("attaches a ListenerSet parentRef to the set's listeners only, counted in the set's status", () => {
    const result = run([{ parentRefs: [setRef()], rules: [rule('/set')] }]);
    assert.equal(summary(routeParents(result, 'r0')[0]?.conditions ?? []).Accepted, 'True/Accepted');
    assert.equal(setListener(result, 'team', 'one').attachedRoutes, 1);
    assert.equal(setListener(result, 'team', 'two').attachedRoutes, 1);
    assert.equal(listenerStatus(result, 'gw', 'web').attachedRoutes, 0);
    assert.equal(irRules(result, 'infra/gw', 80, 'one.example').length, 1);
    assert.equal(irRules(result, 'infra/gw', 80, 'gw.example').length, 0);
  });

  it("keeps a Gateway parentRef off the sets' listeners", () => {
    const result = run([{ parentRefs: [{ name: 'gw' }], rules: [rule('/gw')] }]);
    assert.equal(listenerStatus(result, 'gw', 'web').attachedRoutes, 1);
    assert.equal(setListener(result, 'team', 'one').attachedRoutes, 0);
    assert.equal(irRules(result, 'infra/gw', 80, 'one.example').length, 0);
  });

  it("judges each parentRef alone: a set's listener name is NoMatchingParent through the Gateway", () => {
    const result = run([{ parentRefs: [{ name: 'gw', sectionName: 'one' }, setRef('one')], rules: [rule('/one')] }]);
    const [throughGateway, throughSet] = routeParents(result, 'r0');
    assert.equal(summary(throughGateway?.conditions ?? []).Accepted, 'False/NoMatchingParent');
    assert.equal(summary(throughSet?.conditions ?? []).Accepted, 'True/Accepted');
    assert.equal(setListener(result, 'team', 'two').attachedRoutes, 0, 'sectionName picks one listener of the set');
  });

  it('judges Same in allowedRoutes from the ListenerSet namespace', () => {
    const away = listenerSet('team', [httpListener('one', { hostname: 'one.example', allowedRoutes: { namespaces: { from: 'Same' } } })], { namespace: 'apps' });
    const gateway = allowingGateway('gw', [httpListener('web')], 'All');
    const routes = [httpRoute('from-infra', { parentRefs: [{ ...setRef(), namespace: 'apps' }], rules: [rule('/')] }), httpRoute('from-apps', { parentRefs: [setRef()], rules: [rule('/')] }, { namespace: 'apps' })];
    const result = translate(snapshot({ ...cluster, gateways: [gateway], listenerSets: [away], httpRoutes: routes }), { controllerName: CONTROLLER });
    assert.equal(summary(routeParents(result, 'from-infra')[0]?.conditions ?? []).Accepted, 'False/NotAllowedByListeners');
    assert.equal(summary(routeParents(result, 'from-apps', 'apps')[0]?.conditions ?? []).Accepted, 'True/Accepted');
  });

  it('refuses a route whose ListenerSet is not attached', () => {
    const refused = { ...cluster, gateways: [allowingGateway('gw', [httpListener('web', { hostname: 'gw.example' })], 'None')] };
    const result = translate(snapshot({ ...refused, httpRoutes: [httpRoute('r0', { parentRefs: [setRef()], rules: [rule('/')] })] }), { controllerName: CONTROLLER });
    assert.equal(summary(routeParents(result, 'r0')[0]?.conditions ?? []).Accepted, 'False/NoMatchingParent');
  });

  it('writes one status entry per parentRef, echoing it: a set-only route gets none for the Gateway behind the set', () => {
    const result = run([{ parentRefs: [setRef()], rules: [rule('/set')] }]);
    const parents = routeParents(result, 'r0');
    assert.equal(parents.length, 1);
    assert.deepEqual(parents[0]?.parentRef, { kind: 'ListenerSet', name: 'team' });
  });
});
