// What the controller would watch once a golden case's objects are applied to a cluster where everything
// else works: Gateway API objects admitted (golden-admission.ts) with the metadata the API server sets, the
// reference GatewayClass when the case brings none, the channel's CRDs when it brings none, an EndpointSlice
// per Service for the Deployments it selects (every replica ready, on a deterministic 127.10.x.y address), and
// for every Gateway a ready proxy Deployment with a LoadBalancer Service (127.20.0.n) unless the case brings
// them, and the conformance certificate Secrets (golden-secrets.ts). Everything is deterministic, so the same
// case always gives the same snapshot.
import type { KubeObject } from '@gauntlet/local-cluster';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { GatewayApiChannel } from '../../../../harness/kube/gateway-api-crds.ts';
import type { LocatedManifest } from '../../../../harness/scenario/scenario-types.ts';
import { DEFAULT_CONTROLLER_NAME } from '../../../../reference-impl/controller/controller-settings.ts';
import { infraName, MANAGED_BY_LABEL, MANAGED_BY_VALUE, proxySelectorLabels } from '../../../../reference-impl/controller/infra/infra-names.ts';
import type { WatchedObjects } from '../../../../reference-impl/controller/provider/snapshot-builder.ts';
import { GATEWAY_API_GROUP } from '../../../../reference-impl/controller/translator/gateway-api-names.ts';
import { gatewayApiCrds } from '../../../support/gateway-api-crd-objects.ts';
import { admit } from './golden-admission.ts';
import { endpointSlicesFor } from './golden-endpoints.ts';
import { conformanceSecretStandIns, storedSecret } from './golden-secrets.ts';

/** creationTimestamp of every object that does not set one: precedence ties then go to namespace/name. */
export const GOLDEN_CREATED = '2026-01-01T00:00:00Z';
export const GOLDEN_GATEWAY_CLASS = 'gauntlet';

/**
 * `asWritten` skips admission: objects keep only what the case wrote, without the CRDs' defaults, to check that
 * the translator's own defaults are the CRDs'.
 */
export function clusterObjects(manifests: LocatedManifest[], channel: GatewayApiChannel, options: { asWritten?: boolean } = {}): WatchedObjects {
  const objects = manifests.map((manifest) => withServerMetadata(storedSecret(options.asWritten ? (manifest.object as KubeObject) : admit(manifest, channel))));
  const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
  objects.push(...conformanceSecretStandIns(objects).map(withServerMetadata));
  if (ofKind('GatewayClass').length === 0) objects.push(withServerMetadata(referenceGatewayClass()));
  objects.push(...endpointSlicesFor(ofKind('Service'), ofKind('Deployment'), ofKind('EndpointSlice')));
  objects.push(...proxiesFor(ofKind('Gateway'), objects));
  const crds = ofKind('CustomResourceDefinition');
  // As a watch delivers them: JSON, with timestamps as strings (the snapshot builder accepts both forms).
  const watched = (list: KubeObject[]) => list as unknown as KubernetesObject[];
  return {
    gatewayClasses: watched(ofKind('GatewayClass')),
    gateways: watched(ofKind('Gateway')),
    httpRoutes: watched(ofKind('HTTPRoute')),
    grpcRoutes: watched(ofKind('GRPCRoute')),
    tlsRoutes: watched(ofKind('TLSRoute')),
    tcpRoutes: watched(ofKind('TCPRoute')),
    udpRoutes: watched(ofKind('UDPRoute')),
    listenerSets: watched(ofKind('ListenerSet')),
    referenceGrants: watched(ofKind('ReferenceGrant')),
    services: watched(ofKind('Service')),
    endpointSlices: watched(ofKind('EndpointSlice')),
    namespaces: watched(ofKind('Namespace')),
    secrets: watched(ofKind('Secret')),
    configMaps: watched(ofKind('ConfigMap')),
    backendTlsPolicies: watched(ofKind('BackendTLSPolicy')),
    proxyDeployments: watched(ofKind('Deployment').filter((deployment) => isManaged(deployment))),
    customResourceDefinitions: watched(crds.length > 0 ? crds : gatewayApiCrds(channel)),
  };
}

function withServerMetadata(object: KubeObject): KubeObject {
  const { metadata } = object;
  const uid = `uid-${object.kind}-${metadata.namespace ?? ''}-${metadata.name}`.toLowerCase();
  return { ...object, metadata: { uid, generation: 1, creationTimestamp: GOLDEN_CREATED, ...metadata } };
}

function referenceGatewayClass(): KubeObject {
  return { apiVersion: `${GATEWAY_API_GROUP}/v1`, kind: 'GatewayClass', metadata: { name: GOLDEN_GATEWAY_CLASS }, spec: { controllerName: DEFAULT_CONTROLLER_NAME } };
}

function isManaged(object: KubeObject): boolean {
  return (object.metadata.labels as Record<string, string> | undefined)?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;
}

/** A ready proxy with an address for each Gateway whose proxy objects the case does not bring itself. */
function proxiesFor(gateways: KubeObject[], present: KubeObject[]): KubeObject[] {
  const sorted = [...gateways].sort((a, b) => compareText(keyOf(a), keyOf(b)));
  return sorted.flatMap((gateway, index) => {
    const namespace = gateway.metadata.namespace ?? '';
    const name = infraName(gateway.metadata.name);
    const exists = present.some((object) => isManaged(object) && object.metadata.namespace === namespace && object.metadata.name === name);
    if (exists) return [];
    const metadata = { name, namespace, labels: proxySelectorLabels(gateway.metadata.name) };
    return [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata, status: { readyReplicas: 1 } }, { apiVersion: 'v1', kind: 'Service', metadata, ...loadBalancerFor(gateway, index) }];
  });
}

/**
 * What the local cluster's load balancer makes of the proxy Service: the address the Gateway's first IPAddress asks
 * for when it is loopback (the local cluster's pools), else no address and its refusal condition; any address
 * when none is asked for.
 */
function loadBalancerFor(gateway: KubeObject, index: number): Pick<KubeObject, 'spec' | 'status'> {
  const addresses = ((gateway.spec as { addresses?: { type?: string; value?: string }[] } | undefined)?.addresses ?? []).filter((a) => (a.type ?? 'IPAddress') === 'IPAddress' && a.value);
  const requested = addresses[0]?.value;
  if (requested === undefined) return { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: `127.20.0.${index + 1}` }] } } };
  const spec = { type: 'LoadBalancer', loadBalancerIP: requested };
  if (requested.startsWith('127.')) return { spec, status: { loadBalancer: { ingress: [{ ip: requested }] } } };
  const refused = { type: 'local-cluster.gauntlet.dev/RequestedAddressAssigned', status: 'False', reason: 'NotInPool', message: `${requested} is in none of this cluster's address pools` };
  return { spec, status: { loadBalancer: {}, conditions: [refused] } };
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}
