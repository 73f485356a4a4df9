import assert from 'node:assert/strict';
import type { Condition, ObservedInfra } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, gatewayClass, gatewayStatusOf, httpListener, httpRoute, listenerStatus, NOW, routeParents, snapshot, statusOf, summary } from './fixtures.ts';

const EARLIER = '2026-11-01T08:00:00Z';

function stored(type: string, status: Condition['status'], reason: string): Condition {
  return { type, status, reason, message: 'old', observedGeneration: 1, lastTransitionTime: EARLIER };
}

function withInfra(infra: ObservedInfra | undefined) {
  const map = new Map<string, ObservedInfra>();
  if (infra) map.set('infra/gw', infra);
  return translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], infra: map }), { controllerName: CONTROLLER });
}

describe('translator: status conditions', () => {
  describe('lastTransitionTime', () => {
    it('is kept when the status of a condition did not change, even if its reason did', () => {
      const gw = gateway('gw', [httpListener('http')]);
      gw.status = {
        conditions: [stored('Accepted', 'True', 'OldReason'), stored('Programmed', 'True', 'Programmed')],
        listeners: [{ name: 'http', supportedKinds: [], attachedRoutes: 0, conditions: [stored('Accepted', 'True', 'Accepted'), stored('Conflicted', 'True', 'HostnameConflict')] }],
      };
      const result = translate(snapshot({ gateways: [gw] }), { controllerName: CONTROLLER });
      const conditions = gatewayStatusOf(result, 'gw').conditions;
      assert.equal(conditions.find((condition) => condition.type === 'Accepted')?.lastTransitionTime, EARLIER);
      assert.equal(conditions.find((condition) => condition.type === 'Accepted')?.observedGeneration, 3, 'observedGeneration follows the object');
      assert.equal(conditions.find((condition) => condition.type === 'Programmed')?.lastTransitionTime, NOW, 'True -> False is a transition');
      const listener = listenerStatus(result, 'gw', 'http').conditions;
      assert.equal(listener.find((condition) => condition.type === 'Accepted')?.lastTransitionTime, EARLIER);
      assert.equal(listener.find((condition) => condition.type === 'Conflicted')?.lastTransitionTime, NOW);
      assert.equal(listener.find((condition) => condition.type === 'ResolvedRefs')?.lastTransitionTime, NOW, 'a new condition starts now');
    });

    it('is kept for GatewayClass and per route parent', () => {
      const gatewayClassObject = gatewayClass();
      gatewayClassObject.status = { conditions: [stored('Accepted', 'True', 'Accepted')] };
      const route = httpRoute('r', { parentRefs: [{ name: 'gw' }] });
      route.status = {
        parents: [
          { parentRef: { name: 'gw' }, controllerName: CONTROLLER, conditions: [stored('Accepted', 'True', 'Accepted'), stored('ResolvedRefs', 'False', 'BackendNotFound')] },
        ],
      };
      const result = translate(snapshot({ gatewayClasses: [gatewayClassObject], gateways: [gateway('gw', [httpListener('http')])], httpRoutes: [route] }), {
        controllerName: CONTROLLER,
      });
      const classConditions = (statusOf(result, 'GatewayClass', 'gauntlet') as { conditions: Condition[] }).conditions;
      assert.equal(classConditions[0]?.lastTransitionTime, EARLIER);
      const parent = routeParents(result, 'r')[0]?.conditions ?? [];
      assert.equal(parent.find((condition) => condition.type === 'Accepted')?.lastTransitionTime, EARLIER);
      assert.equal(parent.find((condition) => condition.type === 'ResolvedRefs')?.lastTransitionTime, NOW);
    });
  });

  describe('Programmed depends on the observed infrastructure', () => {
    it('is AddressNotAssigned while the Service has no LoadBalancer address', () => {
      const status = gatewayStatusOf(withInfra(undefined), 'gw');
      assert.equal(summary(status.conditions).Programmed, 'False/AddressNotAssigned');
      assert.equal(status.addresses, undefined);
      assert.equal(summary(gatewayStatusOf(withInfra({ ingress: [], readyReplicas: 1 }), 'gw').conditions).Programmed, 'False/AddressNotAssigned');
    });

    it('is Pending with an address but no ready proxy, and lists the address', () => {
      const result = withInfra({ ingress: [{ ip: '127.0.20.1' }], readyReplicas: 0 });
      const status = gatewayStatusOf(result, 'gw');
      assert.equal(summary(status.conditions).Programmed, 'False/Pending');
      assert.deepEqual(status.addresses, [{ type: 'IPAddress', value: '127.0.20.1' }]);
      assert.equal(summary(listenerStatus(result, 'gw', 'http').conditions).Programmed, 'False/Pending');
    });

    it('is True with an address and a ready proxy, and then listeners are programmed too', () => {
      const result = withInfra({ ingress: [{ ip: '127.0.20.1' }, { hostname: 'lb.example.com' }], readyReplicas: 1 });
      const status = gatewayStatusOf(result, 'gw');
      assert.deepEqual(summary(status.conditions), { Accepted: 'True/Accepted', Programmed: 'True/Programmed' });
      assert.deepEqual(status.addresses, [
        { type: 'IPAddress', value: '127.0.20.1' },
        { type: 'Hostname', value: 'lb.example.com' },
      ]);
      assert.equal(summary(listenerStatus(result, 'gw', 'http').conditions).Programmed, 'True/Programmed');
    });

    it('produces the IR before the Gateway is programmed, so the proxy can become ready', () => {
      assert.ok(withInfra(undefined).gateways.has('infra/gw'));
    });
  });

  it('is deterministic: the same snapshot gives the same result', () => {
    const build = () =>
      translate(
        snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: [httpRoute('r', { parentRefs: [{ name: 'gw' }], rules: [{}] })] }),
        { controllerName: CONTROLLER },
      );
    const first = build();
    const second = build();
    assert.deepEqual(first.statuses, second.statuses);
    assert.deepEqual([...first.gateways], [...second.gateways]);
  });
});

describe('translator: requested Gateway addresses', () => {
  const withAddresses = (addresses: { type?: string; value?: string }[], infra?: ObservedInfra) => {
    const gw = gateway('gw', [httpListener('http')]);
    gw.spec.addresses = addresses;
    const map = new Map<string, ObservedInfra>();
    if (infra) map.set('infra/gw', infra);
    return translate(snapshot({ gateways: [gw], infra: map }), { controllerName: CONTROLLER });
  };
  const ready: ObservedInfra = { ingress: [{ ip: '127.0.20.1' }], readyReplicas: 1 };

  it('refuses address types a LoadBalancer cannot give with UnsupportedAddress, and serves nothing', () => {
    const result = withAddresses([{ type: 'NamedAddress', value: 'my-pool' }], ready);
    assert.deepEqual(summary(gatewayStatusOf(result, 'gw').conditions), { Accepted: 'False/UnsupportedAddress', Programmed: 'False/Invalid' });
    assert.equal(result.gateways.size, 0);
    assert.deepEqual(result.infra, []);
  });

  it('is not Programmed (AddressNotAssigned) while a requested address value is not the one assigned', () => {
    const result = withAddresses([{ type: 'IPAddress', value: '10.9.9.9' }], ready);
    const programmed = gatewayStatusOf(result, 'gw').conditions.find((condition) => condition.type === 'Programmed');
    assert.equal(`${programmed?.status}/${programmed?.reason}`, 'False/AddressNotAssigned');
    assert.match(programmed?.message ?? '', /10\.9\.9\.9 were not assigned .*127\.0\.20\.1/);
    assert.equal(result.gateways.size, 1, 'the Gateway is still accepted and configured');
  });

  it('is Programmed when the requested address is the assigned one, or has no value', () => {
    assert.equal(summary(gatewayStatusOf(withAddresses([{ type: 'IPAddress', value: '127.0.20.1' }], ready), 'gw').conditions).Programmed, 'True/Programmed');
    assert.equal(summary(gatewayStatusOf(withAddresses([{ type: 'IPAddress' }], ready), 'gw').conditions).Programmed, 'True/Programmed');
  });

  const programmedOf = (result: ReturnType<typeof withAddresses>) => gatewayStatusOf(result, 'gw').conditions.find((condition) => condition.type === 'Programmed');

  it('asks the load balancer for the first IPAddress with a value, and for none when no entry names one', () => {
    assert.equal(withAddresses([{ type: 'Hostname', value: 'gw.example.com' }, { value: '127.40.0.9' }, { type: 'IPAddress', value: '127.40.0.8' }]).infra[0]?.loadBalancerIp, '127.40.0.9');
    assert.equal(withAddresses([{ type: 'IPAddress' }]).infra[0]?.loadBalancerIp, undefined);
    assert.equal(withAddresses([]).infra[0]?.loadBalancerIp, undefined);
  });

  it('is AddressNotUsable when the load balancer refused the address the Service asks for, with its reason, and lists no address', () => {
    const refusal = { reason: 'NotInPool', message: '192.0.2.10 is in none of the pools' };
    const result = withAddresses([{ type: 'IPAddress', value: '192.0.2.10' }], { ingress: [], readyReplicas: 1, loadBalancerIp: '192.0.2.10', addressRefusal: refusal });
    const programmed = programmedOf(result);
    assert.equal(`${programmed?.status}/${programmed?.reason}`, 'False/AddressNotUsable');
    assert.match(programmed?.message ?? '', /cannot use the requested address 192\.0\.2\.10 \(NotInPool: 192\.0\.2\.10 is in none of the pools\)/);
    assert.equal(gatewayStatusOf(result, 'gw').addresses, undefined);
    assert.equal(summary(gatewayStatusOf(result, 'gw').conditions).Accepted, 'True/Accepted');
  });

  it('is only pending (AddressNotAssigned) while the refusal is about an address the Service no longer asks for', () => {
    const stale = { ingress: [], readyReplicas: 1, loadBalancerIp: '192.0.2.10', addressRefusal: { reason: 'NotInPool', message: 'old' } };
    assert.equal(summary(gatewayStatusOf(withAddresses([{ type: 'IPAddress', value: '127.40.0.9' }], stale), 'gw').conditions).Programmed, 'False/AddressNotAssigned');
  });

  it('is AddressNotUsable for IP addresses beyond the one its Service can carry, even once that one is given', () => {
    const given = { ingress: [{ ip: '127.40.0.9' }], readyReplicas: 1, loadBalancerIp: '127.40.0.9' };
    const programmed = programmedOf(withAddresses([{ type: 'IPAddress', value: '127.40.0.9' }, { type: 'IPAddress', value: '127.40.0.8' }], given));
    assert.equal(`${programmed?.status}/${programmed?.reason}`, 'False/AddressNotUsable');
    assert.match(programmed?.message ?? '', /127\.40\.0\.8 cannot be used: .* one IP address .*127\.40\.0\.9/);
  });

  it('is Programmed with exactly the requested address, typed IPAddress, once given', () => {
    const status = gatewayStatusOf(withAddresses([{ type: 'IPAddress', value: '127.40.0.9' }], { ingress: [{ ip: '127.40.0.9' }], readyReplicas: 1, loadBalancerIp: '127.40.0.9' }), 'gw');
    assert.equal(summary(status.conditions).Programmed, 'True/Programmed');
    assert.deepEqual(status.addresses, [{ type: 'IPAddress', value: '127.40.0.9' }]);
  });
});

describe('translator: Gateway infrastructure parameters', () => {
  it('refuses a Gateway with spec.infrastructure.parametersRef as InvalidParameters (this controller takes none)', () => {
    const gw = gateway('gw', [httpListener('http')]);
    gw.spec.infrastructure = { parametersRef: { group: 'example.com', kind: 'ProxyConfig', name: 'missing' } };
    const result = translate(snapshot({ gateways: [gw] }), { controllerName: CONTROLLER });
    assert.deepEqual(summary(gatewayStatusOf(result, 'gw').conditions), { Accepted: 'False/InvalidParameters', Programmed: 'False/Invalid' });
    assert.equal(result.gateways.size, 0);
  });
});
