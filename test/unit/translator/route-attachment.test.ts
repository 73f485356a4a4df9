import assert from 'node:assert/strict';
import type { ListenerSpec } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, httpListener, httpRoute, listenerStatus, namespace, routeParents, snapshot, summary } from './fixtures.ts';

function attachOne(listener: ListenerSpec, routeNamespace: string, extraNamespaces = [namespace('infra'), namespace('apps')]) {
  const route = httpRoute('r', { parentRefs: [{ name: 'gw', namespace: 'infra' }] }, { namespace: routeNamespace });
  const result = translate(snapshot({ gateways: [gateway('gw', [listener])], httpRoutes: [route], namespaces: extraNamespaces }), { controllerName: CONTROLLER });
  const parent = routeParents(result, 'r', routeNamespace)[0];
  assert.ok(parent);
  return { result, accepted: summary(parent.conditions).Accepted, attached: listenerStatus(result, 'gw', listener.name).attachedRoutes };
}

describe('translator: route attachment', () => {
  describe('allowedRoutes.namespaces', () => {
    it('From Same (the default) admits routes of the Gateway namespace only', () => {
      assert.equal(attachOne(httpListener('http'), 'infra').accepted, 'True/Accepted');
      const foreign = attachOne(httpListener('http'), 'apps');
      assert.equal(foreign.accepted, 'False/NotAllowedByListeners');
      assert.equal(foreign.attached, 0);
    });

    it('From All admits routes of any namespace', () => {
      const listener = httpListener('http', { allowedRoutes: { namespaces: { from: 'All' } } });
      const outcome = attachOne(listener, 'apps');
      assert.equal(outcome.accepted, 'True/Accepted');
      assert.equal(outcome.attached, 1);
    });

    it('From Selector with matchLabels admits namespaces carrying the labels', () => {
      const listener = httpListener('http', { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'web' } } } } });
      const labelled = [namespace('infra'), namespace('apps', { team: 'web' })];
      assert.equal(attachOne(listener, 'apps', labelled).accepted, 'True/Accepted');
      assert.equal(attachOne(listener, 'apps').accepted, 'False/NotAllowedByListeners');
      assert.equal(attachOne(listener, 'infra', labelled).accepted, 'False/NotAllowedByListeners', 'even the Gateway namespace must match');
    });

    it('From Selector with matchExpressions applies In, NotIn, Exists and DoesNotExist', () => {
      const selectorListener = (operator: string, values?: string[]) =>
        httpListener('http', {
          allowedRoutes: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'tier', operator, ...(values ? { values } : {}) }] } } },
        });
      const tiered = [namespace('infra'), namespace('apps', { tier: 'gold' })];
      assert.equal(attachOne(selectorListener('In', ['gold', 'silver']), 'apps', tiered).accepted, 'True/Accepted');
      assert.equal(attachOne(selectorListener('In', ['silver']), 'apps', tiered).accepted, 'False/NotAllowedByListeners');
      assert.equal(attachOne(selectorListener('NotIn', ['gold']), 'apps', tiered).accepted, 'False/NotAllowedByListeners');
      assert.equal(attachOne(selectorListener('NotIn', ['gold']), 'apps').accepted, 'True/Accepted');
      assert.equal(attachOne(selectorListener('Exists'), 'apps', tiered).accepted, 'True/Accepted');
      assert.equal(attachOne(selectorListener('Exists'), 'apps').accepted, 'False/NotAllowedByListeners');
      assert.equal(attachOne(selectorListener('DoesNotExist'), 'apps').accepted, 'True/Accepted');
      assert.equal(attachOne(selectorListener('Bogus'), 'apps', tiered).accepted, 'False/NotAllowedByListeners');
    });

    it('From Selector denies routes whose namespace is unknown', () => {
      const listener = httpListener('http', { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: {} } } } });
      assert.equal(attachOne(listener, 'apps', [namespace('infra')]).accepted, 'False/NotAllowedByListeners');
    });
  });

  it('refuses attachment through a listener whose kinds exclude HTTPRoute', () => {
    const listener = httpListener('http', { allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } });
    assert.equal(attachOne(listener, 'infra').accepted, 'False/NotAllowedByListeners');
  });

  it('selects listeners by sectionName and port, and reports NoMatchingParent when none fits', () => {
    const listeners = [httpListener('a', { hostname: 'a.example.com' }), httpListener('b', { port: 8080 })];
    const routes = [
      httpRoute('by-section', { parentRefs: [{ name: 'gw', sectionName: 'b' }] }),
      httpRoute('by-port', { parentRefs: [{ name: 'gw', port: 80 }] }),
      httpRoute('bad-section', { parentRefs: [{ name: 'gw', sectionName: 'nope' }] }),
      httpRoute('bad-port', { parentRefs: [{ name: 'gw', sectionName: 'a', port: 8080 }] }),
    ];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: routes }), { controllerName: CONTROLLER });
    assert.equal(summary(routeParents(result, 'by-section')[0]?.conditions ?? []).Accepted, 'True/Accepted');
    assert.equal(summary(routeParents(result, 'by-port')[0]?.conditions ?? []).Accepted, 'True/Accepted');
    assert.equal(summary(routeParents(result, 'bad-section')[0]?.conditions ?? []).Accepted, 'False/NoMatchingParent');
    assert.equal(summary(routeParents(result, 'bad-port')[0]?.conditions ?? []).Accepted, 'False/NoMatchingParent');
    assert.equal(listenerStatus(result, 'gw', 'a').attachedRoutes, 1);
    assert.equal(listenerStatus(result, 'gw', 'b').attachedRoutes, 1);
  });

  it('counts each route once per listener it attaches to', () => {
    const listeners = [httpListener('one', { hostname: 'x.example.com' }), httpListener('two', { hostname: 'y.example.com' })];
    const routes = [httpRoute('r1', { parentRefs: [{ name: 'gw' }] }), httpRoute('r2', { parentRefs: [{ name: 'gw', sectionName: 'two' }] })];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: routes }), { controllerName: CONTROLLER });
    assert.equal(listenerStatus(result, 'gw', 'one').attachedRoutes, 1);
    assert.equal(listenerStatus(result, 'gw', 'two').attachedRoutes, 2);
  });

  it('counts a route once per listener even when two of its parentRefs select that listener', () => {
    const listeners = [httpListener('http'), httpListener('other', { port: 8080 })];
    const route = httpRoute('r', { parentRefs: [{ name: 'gw', sectionName: 'http' }, { name: 'gw', port: 80 }, { name: 'gw' }] });
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: [route] }), { controllerName: CONTROLLER });
    assert.equal(routeParents(result, 'r').length, 3, 'each parentRef still gets its own status entry');
    assert.equal(listenerStatus(result, 'gw', 'http').attachedRoutes, 1);
    assert.equal(listenerStatus(result, 'gw', 'other').attachedRoutes, 1);
  });

  it('counts routes on a conflicted listener but does not serve them', () => {
    const listeners = [httpListener('a', { hostname: 'x.example.com' }), httpListener('b', { hostname: 'x.example.com' }), httpListener('c', { port: 81 })];
    const routes = [httpRoute('r', { parentRefs: [{ name: 'gw', sectionName: 'a' }] })];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: routes }), { controllerName: CONTROLLER });
    assert.equal(summary(listenerStatus(result, 'gw', 'a').conditions).Conflicted, 'True/HostnameConflict');
    assert.equal(listenerStatus(result, 'gw', 'a').attachedRoutes, 1);
    assert.deepEqual(
      result.gateways.get('infra/gw')?.listeners.map((listener) => listener.port),
      [81],
    );
  });

  it('echoes the parentRef, sets controllerName and observedGeneration', () => {
    const parentRef = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', sectionName: 'http' };
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: [httpRoute('r', { parentRefs: [parentRef] })] }), {
      controllerName: CONTROLLER,
    });
    const [parent] = routeParents(result, 'r');
    assert.deepEqual(parent?.parentRef, parentRef);
    assert.equal(parent?.controllerName, CONTROLLER);
    assert.deepEqual(summary(parent?.conditions ?? []), { Accepted: 'True/Accepted', ResolvedRefs: 'True/ResolvedRefs' });
    assert.ok(parent?.conditions.every((condition) => condition.observedGeneration === 2));
  });

  it('keeps status entries of other controllers and drops our entries for parents no longer referenced', () => {
    const route = httpRoute('r', { parentRefs: [{ name: 'gw' }] });
    const foreign = { parentRef: { name: 'theirs' }, controllerName: 'example.com/other', conditions: [] };
    const stale = { parentRef: { name: 'old-gw' }, controllerName: CONTROLLER, conditions: [] };
    route.status = { parents: [foreign, stale] };
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: [route] }), { controllerName: CONTROLLER });
    const parents = routeParents(result, 'r');
    assert.deepEqual(
      parents.map((parent) => parent.parentRef),
      [{ name: 'theirs' }, { name: 'gw' }],
    );
  });

  it('clears our entries from a route that no longer references any of our Gateways', () => {
    const route = httpRoute('r', { parentRefs: [{ name: 'elsewhere' }] });
    route.status = { parents: [{ parentRef: { name: 'gw' }, controllerName: CONTROLLER, conditions: [] }] };
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: [route] }), { controllerName: CONTROLLER });
    assert.deepEqual(routeParents(result, 'r'), []);
  });

  it('writes no status for routes that never concerned our Gateways', () => {
    const result = translate(snapshot({ httpRoutes: [httpRoute('r', { parentRefs: [{ name: 'elsewhere' }] })] }), { controllerName: CONTROLLER });
    assert.equal(result.statuses.filter((update) => update.kind === 'HTTPRoute').length, 0);
  });

  it('resolves a parentRef without namespace to the route namespace', () => {
    const gw = gateway('gw', [httpListener('http', { allowedRoutes: { namespaces: { from: 'All' } } })], 'apps');
    const result = translate(snapshot({ gateways: [gw], httpRoutes: [httpRoute('r', { parentRefs: [{ name: 'gw' }] }, { namespace: 'apps' })] }), {
      controllerName: CONTROLLER,
    });
    assert.equal(summary(routeParents(result, 'r', 'apps')[0]?.conditions ?? []).Accepted, 'True/Accepted');
  });
});
