// TCPRoutes and UDPRoutes through the translator: attachment by port and sectionName to listeners of their own
// protocol only, the oldest attached route carrying a listener's traffic (and the next taking over when it goes),
// weights with an unresolved backend keeping its share, a TCP and a UDP listener on one port number, and the
// infrastructure publishing UDP ports apart from TCP ones.
import assert from 'node:assert/strict';
import type { BackendRef, ListenerSpec } from '../../../reference-impl/controller/translator/snapshot.ts';
import type { StreamRouteObject } from '../../../reference-impl/controller/translator/stream-route/stream-route-object.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, endpointSlice, gateway, listenerStatus, service, snapshot, statusOf, summary } from './fixtures.ts';

const listeners: ListenerSpec[] = [
  { name: 'tcp', port: 9000, protocol: 'TCP' },
  { name: 'udp', port: 9000, protocol: 'UDP' },
  { name: 'dns', port: 5300, protocol: 'UDP' },
  { name: 'web', port: 80, protocol: 'HTTP' },
];

function streamRoute(name: string, parentRef: StreamRouteObject['spec']['parentRefs'], backends: BackendRef[] = [{ name: 'echo', port: 3000 }], created = '2026-01-01T00:00:00Z'): StreamRouteObject {
  return { metadata: { name, namespace: 'infra', generation: 1, creationTimestamp: created }, spec: { parentRefs: parentRef ?? [], rules: [{ backendRefs: backends }] } };
}

const echo = service('echo', 'infra', [
  { name: 'tcp', port: 3000 },
  { name: 'udp', port: 8080 },
]);
const echoTcpEndpoints = endpointSlice('echo', [{ address: '127.10.0.9' }], { portName: 'tcp', port: 3000 });
const echoUdpEndpoints = endpointSlice('echo', [{ address: '127.10.0.9' }], { portName: 'udp', port: 8080 });

function translated(tcpRoutes: StreamRouteObject[], udpRoutes: StreamRouteObject[] = []) {
  return translate(snapshot({ gateways: [gateway('gw', listeners)], tcpRoutes, udpRoutes, services: [echo], endpointSlices: [echoTcpEndpoints, echoUdpEndpoints] }), { controllerName: CONTROLLER });
}

function conditions(result: ReturnType<typeof translate>, kind: 'TCPRoute' | 'UDPRoute', name: string) {
  const parents = (statusOf(result, kind, name, 'infra') as { parents: { conditions: Parameters<typeof summary>[0] }[] }).parents;
  return summary(parents[0]?.conditions ?? []);
}

describe('translator: TCPRoute and UDPRoute', () => {
  it('attaches by port or sectionName to listeners of its own protocol only', () => {
    const result = translated(
      [streamRoute('by-port', [{ name: 'gw', port: 9000 }]), streamRoute('on-http', [{ name: 'gw', sectionName: 'web' }])],
      [streamRoute('by-section', [{ name: 'gw', sectionName: 'dns' }], [{ name: 'echo', port: 8080 }]), streamRoute('on-tcp', [{ name: 'gw', sectionName: 'tcp' }])],
    );
    assert.equal(conditions(result, 'TCPRoute', 'by-port').Accepted, 'True/Accepted');
    assert.equal(conditions(result, 'TCPRoute', 'on-http').Accepted, 'False/NotAllowedByListeners');
    assert.equal(conditions(result, 'UDPRoute', 'by-section').Accepted, 'True/Accepted');
    assert.equal(conditions(result, 'UDPRoute', 'on-tcp').Accepted, 'False/NotAllowedByListeners');
    // Port 9000 has a TCP and a UDP listener: the TCPRoute by port attaches to the TCP one only.
    assert.deepEqual(
      ['tcp', 'udp', 'dns', 'web'].map((name) => listenerStatus(result, 'gw', name).attachedRoutes),
      [1, 0, 1, 0],
    );
    assert.deepEqual(listenerStatus(result, 'gw', 'udp').supportedKinds, [{ group: 'gateway.networking.k8s.io', kind: 'UDPRoute' }]);
  });

  it('gives a listener the traffic of its oldest route; the next takes over when it goes', () => {
    const older = streamRoute('older', [{ name: 'gw', sectionName: 'tcp' }], [{ name: 'echo', port: 3000 }], '2026-01-01T00:00:00Z');
    const newer = streamRoute('a-newer', [{ name: 'gw', sectionName: 'tcp' }], [{ name: 'missing', port: 3000 }], '2026-06-01T00:00:00Z');
    const both = translated([newer, older]);
    assert.equal(listenerStatus(both, 'gw', 'tcp').attachedRoutes, 2);
    const port = (result: ReturnType<typeof translate>) => result.gateways.get('infra/gw')?.listeners.find((listener) => listener.port === 9000);
    assert.deepEqual(port(both)?.tcp?.route?.route, 'infra/older');
    assert.deepEqual(port(both)?.protocol, 'TCP');
    assert.deepEqual(port(translated([newer]))?.tcp?.route?.backends, [
      { kind: 'invalid', name: 'infra/missing:3000', weight: 1, reason: 'BackendNotFound: rules[0].backendRefs[0]: Service infra/missing not found' },
    ]);
  });

  it('keeps weights, an unresolved backend keeping its share, and publishes UDP listener ports apart', () => {
    const weighted = streamRoute('weighted', [{ name: 'gw' }], [
      { name: 'echo', port: 8080, weight: 3 },
      { name: 'gone', port: 8080, weight: 1 },
    ]);
    const result = translated([], [weighted]);
    assert.equal(conditions(result, 'UDPRoute', 'weighted').ResolvedRefs, 'False/BackendNotFound');
    const udp = result.gateways.get('infra/gw')?.udpListeners ?? [];
    assert.deepEqual(
      udp.map((listener) => [listener.port, listener.listener, listener.route?.backends.map((backend) => `${backend.kind} ${backend.name} ${backend.weight}`)]),
      [
        [5300, 'dns', ['service infra/echo:8080 3', 'invalid infra/gone:8080 1']],
        [9000, 'udp', ['service infra/echo:8080 3', 'invalid infra/gone:8080 1']],
      ],
    );
    assert.deepEqual(
      result.infra.map((intent) => [intent.ports, intent.udpPorts]),
      [[[80, 9000], [5300, 9000]]],
    );
  });
});
