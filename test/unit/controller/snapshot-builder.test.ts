import assert from 'node:assert/strict';
import type { KubernetesObject } from '@kubernetes/client-node';
import { infraName, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../../reference-impl/controller/infra/infra-names.ts';
import { buildSnapshot, type WatchedObjects } from '../../../reference-impl/controller/provider/snapshot-builder.ts';
import { BUNDLE_VERSION_ANNOTATION } from '../../../reference-impl/controller/translator/gateway-api-names.ts';

function watched(customResourceDefinitions: KubernetesObject[]): WatchedObjects {
  return {
    gatewayClasses: [],
    gateways: [],
    httpRoutes: [],
  grpcRoutes: [],
    tlsRoutes: [],
    tcpRoutes: [],
    udpRoutes: [],
    listenerSets: [],
    referenceGrants: [],
    secrets: [],
    configMaps: [],
    backendTlsPolicies: [],
    services: [],
    endpointSlices: [],
    namespaces: [],
    proxyDeployments: [],
    customResourceDefinitions,
  };
}

function crd(name: string, group: string, annotations?: Record<string, string>): KubernetesObject {
  return { metadata: { name, ...(annotations ? { annotations } : {}) }, spec: { group } } as KubernetesObject;
}

describe('snapshot builder', () => {
  it('keeps the Gateway API CRDs with their bundle-version annotation, sorted, and ignores other groups', () => {
    const snapshot = buildSnapshot(
      watched([
        crd('httproutes.gateway.networking.k8s.io', 'gateway.networking.k8s.io', { [BUNDLE_VERSION_ANNOTATION]: 'v1.6.1' }),
        crd('widgets.example.com', 'example.com', { [BUNDLE_VERSION_ANNOTATION]: 'v9.9.9' }),
        crd('gateways.gateway.networking.k8s.io', 'gateway.networking.k8s.io'),
      ]),
      new Date('2026-11-26T10:00:00.456Z'),
    );
    assert.deepEqual(snapshot.gatewayApiCrds, [
      { name: 'gateways.gateway.networking.k8s.io' },
      { name: 'httproutes.gateway.networking.k8s.io', bundleVersion: 'v1.6.1' },
    ]);
    assert.equal(snapshot.now, '2026-11-26T10:00:00Z');
  });

  it("observes the address a Gateway's proxy Service asks for and the load balancer's refusal of it", () => {
    const objects = watched([]);
    const managed = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
    const refused = { type: 'local-cluster.gauntlet.dev/RequestedAddressAssigned', status: 'False', reason: 'InUse', message: 'held' };
    objects.gateways = [{ metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'c', listeners: [] } } as KubernetesObject];
    objects.services = [
      {
        metadata: { name: infraName('gw'), namespace: 'infra', labels: managed },
        spec: { loadBalancerIP: '127.40.0.9' },
        status: { loadBalancer: {}, conditions: [{ type: 'SomethingElse', status: 'False' }, refused] },
      } as KubernetesObject,
    ];
    const observed = buildSnapshot(objects, new Date()).infra.get('infra/gw');
    assert.deepEqual(observed, { ingress: [], readyReplicas: 0, loadBalancerIp: '127.40.0.9', addressRefusal: { reason: 'InUse', message: 'held' } });

    (objects.services[0] as { status: { conditions: unknown[] } }).status.conditions = [{ ...refused, status: 'True', reason: 'Assigned' }];
    assert.equal(buildSnapshot(objects, new Date()).infra.get('infra/gw')?.addressRefusal, undefined);
  });
});
