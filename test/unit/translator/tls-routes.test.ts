// TLSRoutes through the translator: attachment to TLS listeners only, hostname intersection with the listener,
// the IR of Passthrough and Terminate listeners (routes by SNI hostname, weighted backends, invalid backends
// keeping their weight), the older route keeping a contested hostname, and mixed modes on one port.
import assert from 'node:assert/strict';
import type { ListenerSpec, TLSRouteObject } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import type { TlsListenerIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { CONTROLLER, endpointSlice, gateway, listenerStatus, service, snapshot, statusOf, summary } from './fixtures.ts';

function tlsListener(name: string, overrides: Partial<ListenerSpec> = {}): ListenerSpec {
  return { name, port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' }, ...overrides };
}

function tlsRoute(name: string, spec: Partial<TLSRouteObject['spec']>, created = '2026-01-01T00:00:00Z'): TLSRouteObject {
  return { metadata: { name, namespace: 'infra', generation: 1, creationTimestamp: created }, spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'stream', port: 8443 }] }], ...spec } };
}

const streamService = service('stream', 'infra', [{ name: 'tls', port: 8443 }]);
const streamEndpoints = endpointSlice('stream', [{ address: '127.10.0.9' }], { portName: 'tls', port: 8443 });

function translated(listeners: ListenerSpec[], routes: TLSRouteObject[]) {
  return translate(snapshot({ gateways: [gateway('gw', listeners)], tlsRoutes: routes, services: [streamService], endpointSlices: [streamEndpoints] }), { controllerName: CONTROLLER });
}

function tlsListenersOf(result: ReturnType<typeof translate>, port = 443): TlsListenerIR[] {
  const listener = result.gateways.get('infra/gw')?.listeners.find((entry) => entry.port === port);
  return listener?.tlsListeners ?? [];
}

function routeConditions(result: ReturnType<typeof translate>, name: string) {
  const parents = (statusOf(result, 'TLSRoute', name, 'infra') as { parents: { conditions: Parameters<typeof summary>[0] }[] }).parents;
  return summary(parents[0]?.conditions ?? []);
}

describe('translator: TLSRoute', () => {
  it('attaches to a Passthrough listener and routes its intersected hostname to the resolved endpoints', () => {
    const result = translated([tlsListener('tls', { hostname: '*.example.com' })], [tlsRoute('r', { hostnames: ['abc.example.com', 'abc.example.net'] })]);
    assert.deepEqual(routeConditions(result, 'r'), { Accepted: 'True/Accepted', ResolvedRefs: 'True/ResolvedRefs' });
    const [listener] = tlsListenersOf(result);
    assert.equal(listener?.mode, 'Passthrough');
    assert.deepEqual(listener?.routes, [
      { hostname: 'abc.example.com', route: 'infra/r', backends: [{ kind: 'service', name: 'infra/stream:8443', weight: 1, endpoints: [{ address: '127.10.0.9', port: 8443 }] }] },
    ]);
    assert.equal(result.gateways.get('infra/gw')?.listeners[0]?.protocol, 'TLS');
    assert.equal(listenerStatus(result, 'gw', 'tls').attachedRoutes, 1);
  });

  it('refuses a route whose hostnames miss the listener, and one naming an HTTP or HTTPS listener', () => {
    const result = translated(
      [tlsListener('tls', { hostname: 'www.example.com' }), { name: 'http', port: 80, protocol: 'HTTP' }],
      [tlsRoute('mismatch', { hostnames: ['www.other.com'], parentRefs: [{ name: 'gw', sectionName: 'tls' }] }), tlsRoute('on-http', { hostnames: ['a.example.com'], parentRefs: [{ name: 'gw', sectionName: 'http' }] })],
    );
    assert.equal(routeConditions(result, 'mismatch').Accepted, 'False/NoMatchingListenerHostname');
    assert.equal(routeConditions(result, 'on-http').Accepted, 'False/NotAllowedByListeners');
    assert.deepEqual(tlsListenersOf(result)[0]?.routes, []);
  });

  it('keeps an invalid backend with its weight, so exactly its share of connections is refused', () => {
    const route = tlsRoute('r', { hostnames: ['a.example.com'], rules: [{ backendRefs: [{ name: 'stream', port: 8443, weight: 3 }, { name: 'gone', port: 8443, weight: 1 }] }] });
    const result = translated([tlsListener('tls')], [route]);
    assert.deepEqual(routeConditions(result, 'r'), { Accepted: 'True/Accepted', ResolvedRefs: 'False/BackendNotFound' });
    const backends = tlsListenersOf(result)[0]?.routes[0]?.backends ?? [];
    assert.deepEqual(
      backends.map((backend) => [backend.kind, backend.weight]),
      [
        ['service', 3],
        ['invalid', 1],
      ],
    );
  });

  it('gives a hostname two routes claim to the older one', () => {
    const older = tlsRoute('older', { hostnames: ['a.example.com'] }, '2026-01-01T00:00:00Z');
    const newer = tlsRoute('newer', { hostnames: ['a.example.com'], rules: [{ backendRefs: [{ name: 'gone', port: 1 }] }] }, '2026-02-01T00:00:00Z');
    const result = translated([tlsListener('tls')], [newer, older]);
    assert.deepEqual(
      tlsListenersOf(result)[0]?.routes.map((route) => route.route),
      ['infra/older'],
    );
  });

  it('serves Passthrough and Terminate listeners on one port; a Terminate listener without certificates is not served', () => {
    const result = translated(
      [
        tlsListener('pass', { hostname: 'abc.example.com' }),
        tlsListener('term', { hostname: 'tls.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'absent' }] } }),
      ],
      [tlsRoute('r', { hostnames: ['abc.example.com'] })],
    );
    assert.equal(summary(listenerStatus(result, 'gw', 'pass').conditions).Accepted, 'True/Accepted');
    assert.equal(summary(listenerStatus(result, 'gw', 'term').conditions).ResolvedRefs, 'False/InvalidCertificateRef');
    assert.deepEqual(
      tlsListenersOf(result).map((listener) => listener.listener),
      ['pass'],
    );
  });

  it('lists only TLSRoute as supported on a TLS listener that also asks for TCPRoute', () => {
    const result = translated([tlsListener('tls', { allowedRoutes: { kinds: [{ kind: 'TCPRoute' }, { kind: 'TLSRoute' }] } })], []);
    const status = listenerStatus(result, 'gw', 'tls');
    assert.deepEqual(status.supportedKinds, [{ group: 'gateway.networking.k8s.io', kind: 'TLSRoute' }]);
    assert.equal(summary(status.conditions).ResolvedRefs, 'False/InvalidRouteKinds');
    assert.equal(summary(status.conditions).Accepted, 'True/Accepted');
  });
});
