import assert from 'node:assert/strict';
import { intersectHostnames } from '../../../reference-impl/controller/translator/hostname-intersection.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, httpListener, httpRoute, irRules, listenerStatus, routeParents, snapshot, summary } from './fixtures.ts';

describe('translator: hostnames', () => {
  describe('intersectHostnames', () => {
    it('is any host when neither side names one', () => {
      assert.deepEqual(intersectHostnames(undefined, undefined), ['*']);
      assert.deepEqual(intersectHostnames('', []), ['*']);
    });

    it('takes the side that names hosts when the other does not', () => {
      assert.deepEqual(intersectHostnames(undefined, ['A.example.com', 'b.example.com']), ['a.example.com', 'b.example.com']);
      assert.deepEqual(intersectHostnames('*.example.com', undefined), ['*.example.com']);
    });

    it('keeps the more specific name of each matching pair', () => {
      assert.deepEqual(intersectHostnames('*.example.com', ['foo.example.com', 'a.b.example.com', 'example.com', 'foo.other.com']), [
        'foo.example.com',
        'a.b.example.com',
      ]);
      assert.deepEqual(intersectHostnames('foo.example.com', ['*.example.com', 'bar.example.com']), ['foo.example.com']);
      assert.deepEqual(intersectHostnames('*.example.com', ['*.foo.example.com', '*.com']), ['*.foo.example.com', '*.example.com']);
      assert.deepEqual(intersectHostnames('foo.example.com', ['*.foo.example.com']), []);
    });
  });

  it('rejects a route with NoMatchingListenerHostname when no hostname intersects', () => {
    const route = httpRoute('r', { parentRefs: [{ name: 'gw' }], hostnames: ['other.org'] });
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http', { hostname: '*.example.com' })])], httpRoutes: [route] }), {
      controllerName: CONTROLLER,
    });
    assert.equal(summary(routeParents(result, 'r')[0]?.conditions ?? []).Accepted, 'False/NoMatchingListenerHostname');
    assert.equal(listenerStatus(result, 'gw', 'http').attachedRoutes, 0);
    assert.deepEqual(result.gateways.get('infra/gw')?.listeners[0]?.virtualHosts, [{ hostname: '*.example.com', rules: [] }], 'the listener host answers 404');
  });

  it('puts routes under the intersected hostnames of each listener sharing a port', () => {
    const listeners = [httpListener('wild', { hostname: '*.example.com' }), httpListener('exact', { hostname: 'exact.example.com' }), httpListener('any')];
    const routes = [
      httpRoute('wild-route', { parentRefs: [{ name: 'gw', sectionName: 'wild' }] }),
      httpRoute('exact-route', { parentRefs: [{ name: 'gw', sectionName: 'exact' }] }),
      httpRoute('any-route', { parentRefs: [{ name: 'gw', sectionName: 'any' }], hostnames: ['a.other.org'] }),
    ];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: routes }), { controllerName: CONTROLLER });
    const hosts = result.gateways.get('infra/gw')?.listeners[0]?.virtualHosts.map((host) => host.hostname);
    assert.deepEqual(hosts, ['*.example.com', 'a.other.org', 'exact.example.com']);
    assert.deepEqual(
      irRules(result, 'infra/gw', 80, 'exact.example.com').map((rule) => rule.id),
      ['infra/exact-route/rule/0/match/0'],
    );
    assert.deepEqual(
      irRules(result, 'infra/gw', 80, 'a.other.org').map((rule) => rule.id),
      ['infra/any-route/rule/0/match/0'],
    );
  });

  it('lists a route once in a virtual host it reaches through two listeners of one port', () => {
    const listeners = [httpListener('wild', { hostname: '*.example.com' }), httpListener('exact', { hostname: 'foo.example.com' })];
    const route = httpRoute('r', { parentRefs: [{ name: 'gw' }], hostnames: ['foo.example.com'] });
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: [route] }), { controllerName: CONTROLLER });
    assert.deepEqual(
      irRules(result, 'infra/gw', 80, 'foo.example.com').map((rule) => rule.id),
      ['infra/r/rule/0/match/0'],
    );
    assert.equal(listenerStatus(result, 'gw', 'wild').attachedRoutes, 1);
    assert.equal(listenerStatus(result, 'gw', 'exact').attachedRoutes, 1);
  });
});

describe('translator: hostnames claimed by a more specific listener', () => {
  it('sends a host to the routes of the most specific listener of its port only', () => {
    const listeners = [
      httpListener('any'),
      httpListener('wild', { hostname: '*.example.com' }),
      httpListener('foo', { hostname: 'foo.example.com' }),
      httpListener('other-port', { port: 8080 }),
    ];
    const routes = [
      httpRoute('broad', { parentRefs: [{ name: 'gw', sectionName: 'any' }], hostnames: ['foo.example.com', 'bar.example.com'] }),
      httpRoute('wild-route', { parentRefs: [{ name: 'gw', sectionName: 'wild' }], hostnames: ['foo.example.com'] }),
      httpRoute('foo-route', { parentRefs: [{ name: 'gw', sectionName: 'foo' }] }),
      httpRoute('elsewhere', { parentRefs: [{ name: 'gw', sectionName: 'other-port' }], hostnames: ['foo.example.com'] }),
    ];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: routes }), { controllerName: CONTROLLER });
    assert.deepEqual(
      irRules(result, 'infra/gw', 80, 'foo.example.com').map((rule) => rule.id),
      ['infra/foo-route/rule/0/match/0'],
    );
    const hosts = result.gateways.get('infra/gw')?.listeners[0]?.virtualHosts.map((host) => host.hostname);
    assert.deepEqual(hosts, ['*.example.com', 'foo.example.com'], 'bar.example.com belongs to the *.example.com listener, which has no route for it');
    assert.deepEqual(irRules(result, 'infra/gw', 80, '*.example.com'), []);
    assert.deepEqual(
      irRules(result, 'infra/gw', 8080, 'foo.example.com').map((rule) => rule.id),
      ['infra/elsewhere/rule/0/match/0'],
    );
    assert.equal(listenerStatus(result, 'gw', 'any').attachedRoutes, 1, 'attachment itself is unaffected');
  });

  it('gives wildcard route hostnames to a more specific wildcard listener that covers them', () => {
    const listeners = [httpListener('any'), httpListener('wild', { hostname: '*.example.com' })];
    const routes = [httpRoute('broad', { parentRefs: [{ name: 'gw', sectionName: 'any' }], hostnames: ['*.foo.example.com', '*.org'] })];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: routes }), { controllerName: CONTROLLER });
    const hosts = result.gateways.get('infra/gw')?.listeners[0]?.virtualHosts.map((host) => host.hostname);
    assert.deepEqual(hosts, ['*.example.com', '*.org']);
  });
});

describe('translator: precedence between route hostnames of one listener', () => {
  const routes = [
    httpRoute('wild', { parentRefs: [{ name: 'gw' }], hostnames: ['*.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }] }),
    httpRoute('exact', { parentRefs: [{ name: 'gw' }], hostnames: ['foo.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/b' } }] }] }),
    httpRoute('any', { parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: { type: 'Exact', value: '/c' } }] }] }),
  ];

  it('tries the rules of routes with less specific matching hostnames after those of the most specific one', () => {
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: routes }), { controllerName: CONTROLLER });
    // Host precedence comes before match precedence: /c is Exact but its route names no host.
    assert.deepEqual(
      irRules(result, 'infra/gw', 80, 'foo.example.com').map((rule) => rule.id),
      ['infra/exact/rule/0/match/0', 'infra/wild/rule/0/match/0', 'infra/any/rule/0/match/0'],
    );
    assert.deepEqual(
      irRules(result, 'infra/gw', 80, '*.example.com').map((rule) => rule.id),
      ['infra/wild/rule/0/match/0', 'infra/any/rule/0/match/0'],
    );
    assert.deepEqual(
      irRules(result, 'infra/gw', 80, '*').map((rule) => rule.id),
      ['infra/any/rule/0/match/0'],
    );
  });

  it('never falls back to routes of another listener (listener isolation)', () => {
    const listeners = [httpListener('http'), httpListener('foo', { hostname: 'foo.example.com' })];
    const isolated = [httpRoute('wild', { parentRefs: [{ name: 'gw', sectionName: 'http' }], hostnames: ['*.example.com'] }), httpRoute('foo-only', { parentRefs: [{ name: 'gw', sectionName: 'foo' }] })];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)], httpRoutes: isolated }), { controllerName: CONTROLLER });
    assert.deepEqual(
      irRules(result, 'infra/gw', 80, 'foo.example.com').map((rule) => rule.id),
      ['infra/foo-only/rule/0/match/0'],
    );
  });
});
