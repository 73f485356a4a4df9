// Listener status fields the conformance scenarios cannot assert yet (attachedRoutes, supportedKinds),
// pinned here on the same layouts as scenarios/conformance/{httproute-hostname-intersection,
// httproute-listener-port-matching, gateway-invalid-route-kind}.
import assert from 'node:assert/strict';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, httpListener, httpRoute, listenerStatus, routeParents, snapshot, summary } from './fixtures.ts';

describe('translator: listener status of the conformance scenario layouts', () => {
  it('counts only accepted routes per listener under hostname intersection', () => {
    const listeners = [
      httpListener('exact', { hostname: 'exact.hostnames.test' }),
      httpListener('wildcard', { hostname: '*.wild.test' }),
      httpListener('other-wildcard', { hostname: '*.otherwild.test' }),
    ];
    const route = (name: string, hostnames: string[]) => httpRoute(name, { parentRefs: [{ name: 'gw' }], hostnames });
    const routes = [
      route('exact-exact', ['unrelated.test', '*.unrelated-wild.test', 'exact.hostnames.test']),
      route('exact-wildcard', ['unrelated.test', 'wild.test', 'a.wild.test']),
      route('wildcard-exact', ['unrelated.test', '*.hostnames.test']),
      route('wildcard-wildcard', ['*.otherwild.test']),
      route('no-intersection', ['exact.wrong.test', 'wild.test']),
    ];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: routes }), { controllerName: CONTROLLER });

    assert.equal(listenerStatus(result, 'gw', 'exact').attachedRoutes, 2);
    assert.equal(listenerStatus(result, 'gw', 'wildcard').attachedRoutes, 1);
    assert.equal(listenerStatus(result, 'gw', 'other-wildcard').attachedRoutes, 1);
    assert.equal(summary(routeParents(result, 'no-intersection')[0]?.conditions ?? []).Accepted, 'False/NoMatchingListenerHostname');
  });

  it('attaches a parentRef port to every listener on that port and to none elsewhere', () => {
    const listeners = [
      httpListener('shop-80', { port: 80, hostname: 'shop.ports.test' }),
      httpListener('shop-8080', { port: 8080, hostname: 'shop.ports.test' }),
      httpListener('blog-8080', { port: 8080, hostname: 'blog.ports.test' }),
      httpListener('shop-8090', { port: 8090, hostname: 'shop.ports.test' }),
      httpListener('blog-8090', { port: 8090, hostname: 'blog.ports.test' }),
    ];
    const routes = [
      httpRoute('port-80', { parentRefs: [{ name: 'gw', port: 80 }] }),
      httpRoute('port-8080', { parentRefs: [{ name: 'gw', port: 8080 }] }),
      httpRoute('port-8090', { parentRefs: [{ name: 'gw', port: 8090, sectionName: 'shop-8090' }] }),
    ];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: routes }), { controllerName: CONTROLLER });

    const counts = Object.fromEntries(listeners.map((listener) => [listener.name, listenerStatus(result, 'gw', listener.name).attachedRoutes]));
    assert.deepEqual(counts, { 'shop-80': 1, 'shop-8080': 1, 'blog-8080': 1, 'shop-8090': 1, 'blog-8090': 0 });
  });

  it('lists only the supported kinds of a listener that also names an unknown one', () => {
    const onlyUnknown = gateway('only-unknown', [httpListener('http', { allowedRoutes: { kinds: [{ kind: 'NoSuchRoute' }] } })]);
    const mixed = gateway('mixed', [httpListener('http', { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'NoSuchRoute' }] } })]);
    const routes = [httpRoute('on-only-unknown', { parentRefs: [{ name: 'only-unknown' }] }), httpRoute('on-mixed', { parentRefs: [{ name: 'mixed' }] })];
    const result = translate(snapshot({ gateways: [onlyUnknown, mixed], httpRoutes: routes }), { controllerName: CONTROLLER });

    const unknownListener = listenerStatus(result, 'only-unknown', 'http');
    assert.deepEqual(unknownListener.supportedKinds, []);
    assert.equal(summary(unknownListener.conditions).ResolvedRefs, 'False/InvalidRouteKinds');
    assert.equal(unknownListener.attachedRoutes, 0);
    assert.equal(summary(routeParents(result, 'on-only-unknown')[0]?.conditions ?? []).Accepted, 'False/NotAllowedByListeners');

    const mixedListener = listenerStatus(result, 'mixed', 'http');
    assert.deepEqual(mixedListener.supportedKinds, [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }]);
    assert.equal(summary(mixedListener.conditions).ResolvedRefs, 'False/InvalidRouteKinds');
    assert.equal(mixedListener.attachedRoutes, 1);
  });
});
