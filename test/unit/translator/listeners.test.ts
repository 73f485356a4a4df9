import assert from 'node:assert/strict';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, gatewayStatusOf, httpListener, listenerStatus, snapshot, summary } from './fixtures.ts';

const HTTP_ROUTE_KIND = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' };
const GRPC_ROUTE_KIND = { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' };

describe('translator: listeners', () => {
  it('accepts an HTTP listener with HTTPRoute and GRPCRoute as its supported kinds', () => {
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])] }), { controllerName: CONTROLLER });
    const listener = listenerStatus(result, 'gw', 'http');
    assert.deepEqual(listener.supportedKinds, [HTTP_ROUTE_KIND, GRPC_ROUTE_KIND]);
    assert.equal(listener.attachedRoutes, 0);
    assert.deepEqual(summary(listener.conditions), {
      Accepted: 'True/Accepted',
      Programmed: 'False/Pending',
      ResolvedRefs: 'True/ResolvedRefs',
      Conflicted: 'False/NoConflicts',
    });
    assert.equal(listener.conditions[0]?.observedGeneration, 3);
    assert.deepEqual(summary(gatewayStatusOf(result, 'gw').conditions).Accepted, 'True/Accepted');
  });

  it('rejects a listener of a protocol no served route kind takes with UnsupportedProtocol and no supported kinds', () => {
    const listeners = [httpListener('http'), httpListener('tcp', { protocol: 'example.com/sctp', port: 9000 })];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)] }), { controllerName: CONTROLLER });
    const tcp = listenerStatus(result, 'gw', 'tcp');
    assert.equal(summary(tcp.conditions).Accepted, 'False/UnsupportedProtocol');
    assert.equal(summary(tcp.conditions).Programmed, 'False/Invalid');
    assert.deepEqual(tcp.supportedKinds, []);
    assert.equal(summary(gatewayStatusOf(result, 'gw').conditions).Accepted, 'True/ListenersNotValid');
    assert.deepEqual(
      result.gateways.get('infra/gw')?.listeners.map((listener) => listener.port),
      [80],
      'only the valid listener is served',
    );
  });

  it('does not accept a Gateway whose every listener is invalid, and provisions nothing for it', () => {
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('custom', { protocol: 'example.com/custom' })])] }), { controllerName: CONTROLLER });
    assert.deepEqual(summary(gatewayStatusOf(result, 'gw').conditions), { Accepted: 'False/ListenersNotValid', Programmed: 'False/Invalid' });
    assert.equal(result.gateways.size, 0);
    assert.deepEqual(result.infra, []);
  });

  it('marks HTTP listeners with the same port and hostname as HostnameConflict and does not serve them', () => {
    const listeners = [
      httpListener('a', { hostname: 'foo.example.com' }),
      httpListener('b', { hostname: 'FOO.example.com' }),
      httpListener('c', { hostname: 'bar.example.com' }),
      httpListener('d', { hostname: 'foo.example.com', port: 8080 }),
    ];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)] }), { controllerName: CONTROLLER });
    assert.equal(summary(listenerStatus(result, 'gw', 'a').conditions).Conflicted, 'True/HostnameConflict');
    assert.equal(summary(listenerStatus(result, 'gw', 'b').conditions).Conflicted, 'True/HostnameConflict');
    assert.deepEqual(summary(listenerStatus(result, 'gw', 'b').conditions), {
      Accepted: 'False/HostnameConflict',
      Programmed: 'False/HostnameConflict',
      ResolvedRefs: 'True/ResolvedRefs',
      Conflicted: 'True/HostnameConflict',
    });
    assert.equal(summary(listenerStatus(result, 'gw', 'c').conditions).Accepted, 'True/Accepted');
    assert.equal(summary(listenerStatus(result, 'gw', 'c').conditions).Conflicted, 'False/NoConflicts');
    assert.equal(summary(listenerStatus(result, 'gw', 'd').conditions).Conflicted, 'False/NoConflicts');
    const accepted = gatewayStatusOf(result, 'gw').conditions.find((condition) => condition.type === 'Accepted');
    assert.equal(`${accepted?.status}/${accepted?.reason}`, 'True/ListenersNotValid');
    assert.equal(accepted?.message, 'listeners not valid: a (HostnameConflict), b (HostnameConflict); accepted: c, d');
  });

  it('marks listeners whose protocols cannot share a port as ProtocolConflict', () => {
    const listeners = [httpListener('http'), httpListener('https', { protocol: 'HTTPS', hostname: 'x.example.com' })];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)] }), { controllerName: CONTROLLER });
    assert.equal(summary(listenerStatus(result, 'gw', 'http').conditions).Conflicted, 'True/ProtocolConflict');
    assert.equal(summary(listenerStatus(result, 'gw', 'https').conditions).Conflicted, 'True/ProtocolConflict');
  });

  it('lets an HTTP listener without hostname share a port with one that has a hostname', () => {
    const listeners = [httpListener('any'), httpListener('named', { hostname: 'a.example.com' })];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)] }), { controllerName: CONTROLLER });
    assert.equal(summary(listenerStatus(result, 'gw', 'any').conditions).Conflicted, 'False/NoConflicts');
    assert.equal(summary(listenerStatus(result, 'gw', 'named').conditions).Conflicted, 'False/NoConflicts');
  });

  it('reports InvalidRouteKinds for unsupported allowedRoutes.kinds and keeps the supported ones', () => {
    const mixed = httpListener('mixed', { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'TCPRoute' }] } });
    const only = httpListener('only', { port: 81, allowedRoutes: { kinds: [{ group: 'example.com', kind: 'Foo' }] } });
    const result = translate(snapshot({ gateways: [gateway('gw', [mixed, only])] }), { controllerName: CONTROLLER });
    const mixedStatus = listenerStatus(result, 'gw', 'mixed');
    assert.deepEqual(mixedStatus.supportedKinds, [HTTP_ROUTE_KIND]);
    assert.equal(summary(mixedStatus.conditions).ResolvedRefs, 'False/InvalidRouteKinds');
    const onlyStatus = listenerStatus(result, 'gw', 'only');
    assert.deepEqual(onlyStatus.supportedKinds, []);
    assert.equal(summary(onlyStatus.conditions).ResolvedRefs, 'False/InvalidRouteKinds');
    assert.equal(summary(onlyStatus.conditions).Programmed, 'False/Invalid');
  });

  it('asks for infra with the distinct listener ports in ascending order', () => {
    const listeners = [httpListener('b', { port: 8080 }), httpListener('a', { hostname: 'a.example.com' }), httpListener('c', { hostname: 'c.example.com' })];
    const result = translate(snapshot({ gateways: [gateway('gw', listeners)] }), { controllerName: CONTROLLER });
    assert.deepEqual(result.infra, [{ gateway: { namespace: 'infra', name: 'gw', uid: 'uid-gw' }, ports: [80, 8080], udpPorts: [] }]);
    assert.deepEqual(
      result.gateways.get('infra/gw')?.listeners.map((listener) => ({ port: listener.port, protocol: listener.protocol })),
      [
        { port: 80, protocol: 'HTTP' },
        { port: 8080, protocol: 'HTTP' },
      ],
    );
  });
});
