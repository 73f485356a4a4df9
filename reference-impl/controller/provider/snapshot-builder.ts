// Turns the watched objects into the translator's snapshot: normalizes what client-node's typed
// lists deserialize differently from watch events (Dates), drops objects too malformed to use, and
// derives each Gateway's observed infrastructure from its proxy Service and Deployment.
import type { KubernetesObject } from '@kubernetes/client-node';
import { infraName, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../infra/infra-names.ts';
import { BUNDLE_VERSION_ANNOTATION, GATEWAY_API_GROUP } from '../translator/gateway-api-names.ts';
import type { GRPCRouteObject } from '../translator/grpc-route/grpc-route-object.ts';
import type {
  BackendTLSPolicyObject,
  ClusterSnapshot,
  ConfigMapObject,
  EndpointSliceObject,
  GatewayApiCrd,
  GatewayClassObject,
  GatewayObject,
  HTTPRouteObject,
  ListenerSetObject,
  NamespaceObject,
  ObjectMeta,
  ObservedInfra,
  ReferenceGrantObject,
  SecretObject,
  ServiceObject,
  TLSRouteObject,
} from '../translator/snapshot.ts';
import type { TCPRouteObject, UDPRouteObject } from '../translator/stream-route/stream-route-object.ts';
import type { ResourceName } from './watched-resources.ts';

export type WatchedObjects = Record<ResourceName, readonly KubernetesObject[]>;

export function buildSnapshot(objects: WatchedObjects, now: Date): ClusterSnapshot {
  const gateways = withSpec<GatewayObject>(objects.gateways);
  return {
    now: kubernetesTime(now),
    gatewayClasses: withSpec<GatewayClassObject>(objects.gatewayClasses),
    gateways,
    httpRoutes: withSpec<HTTPRouteObject>(objects.httpRoutes),
    grpcRoutes: withSpec<GRPCRouteObject>(objects.grpcRoutes),
    tlsRoutes: withSpec<TLSRouteObject>(objects.tlsRoutes),
    tcpRoutes: withSpec<TCPRouteObject>(objects.tcpRoutes),
    udpRoutes: withSpec<UDPRouteObject>(objects.udpRoutes),
    listenerSets: withSpec<ListenerSetObject>(objects.listenerSets),
    services: usable<ServiceObject>(objects.services),
    endpointSlices: usable<EndpointSliceObject>(objects.endpointSlices),
    namespaces: usable<NamespaceObject>(objects.namespaces),
    referenceGrants: withSpec<ReferenceGrantObject>(objects.referenceGrants),
    secrets: usable<SecretObject>(objects.secrets),
    configMaps: usable<ConfigMapObject>(objects.configMaps),
    backendTlsPolicies: withSpec<BackendTLSPolicyObject>(objects.backendTlsPolicies),
    gatewayApiCrds: gatewayApiCrds(objects.customResourceDefinitions),
    infra: observeInfra(gateways, objects.services, objects.proxyDeployments),
  };
}

/** metav1.Time: RFC 3339 with second precision. */
function kubernetesTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Each watched object's normalized form, made once: an informer keeps one object per stored version (an update
 * replaces it), so the same object in the next snapshot is the same normalized one. The translator's memo
 * (translator/translation-memo.ts) reuses what it compiled from an object by this identity.
 */
const normalized = new WeakMap<KubernetesObject, { metadata: ObjectMeta }>();

function usable<T extends { metadata: ObjectMeta }>(objects: readonly KubernetesObject[]): T[] {
  const result: T[] = [];
  for (const object of objects) {
    const known = normalized.get(object);
    if (known !== undefined) {
      result.push(known as T);
      continue;
    }
    const name = object.metadata?.name;
    if (!name) continue;
    const created = object.metadata?.creationTimestamp as unknown;
    const creationTimestamp = created instanceof Date ? kubernetesTime(created) : typeof created === 'string' ? created : undefined;
    const metadata = { ...object.metadata, name, ...(creationTimestamp ? { creationTimestamp } : {}) };
    const made = { ...object, metadata } as unknown as T;
    normalized.set(object, made);
    result.push(made);
  }
  return result;
}

/** Custom resources come as untyped JSON: one without a spec object cannot be translated. */
function withSpec<T extends { metadata: ObjectMeta }>(objects: readonly KubernetesObject[]): T[] {
  return usable<T>(objects.filter((object) => typeof (object as { spec?: unknown }).spec === 'object'));
}


function gatewayApiCrds(crds: readonly KubernetesObject[]): GatewayApiCrd[] {
  const result: GatewayApiCrd[] = [];
  for (const crd of crds as readonly { metadata?: KubernetesObject['metadata']; spec?: { group?: string } }[]) {
    const name = crd.metadata?.name;
    if (!name || crd.spec?.group !== GATEWAY_API_GROUP) continue;
    const bundleVersion = crd.metadata?.annotations?.[BUNDLE_VERSION_ANNOTATION];
    result.push(bundleVersion ? { name, bundleVersion } : { name });
  }
  return result.sort((a, b) => (a.name < b.name ? -1 : Number(a.name > b.name)));
}

interface ObservedService {
  metadata?: { namespace?: string; name?: string; labels?: Record<string, string> };
  spec?: { loadBalancerIP?: string };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] }; conditions?: { type?: string; status?: string; reason?: string; message?: string }[] };
}

/**
 * Service conditions by which a load balancer says whether it gave the address spec.loadBalancerIP asks for.
 * Kubernetes has no standard one (a cloud only emits a SyncLoadBalancerFailed Event, which is no API to act on):
 * these are the load balancers' own; the local cluster's is documented in packages/local-cluster/README.md.
 */
const REQUESTED_ADDRESS_CONDITIONS = new Set(['local-cluster.gauntlet.dev/RequestedAddressAssigned']);

/** The load balancer's refusal of the requested address, if its condition says so. */
function addressRefusalOf(service: ObservedService | undefined): ObservedInfra['addressRefusal'] {
  const refused = service?.status?.conditions?.find((condition) => REQUESTED_ADDRESS_CONDITIONS.has(condition.type ?? '') && condition.status === 'False');
  return refused ? { reason: refused.reason ?? 'Refused', message: refused.message ?? '' } : undefined;
}

interface ObservedDeployment {
  metadata?: { namespace?: string; name?: string };
  status?: { readyReplicas?: number };
}

function observeInfra(gateways: GatewayObject[], services: readonly KubernetesObject[], deployments: readonly KubernetesObject[]): Map<string, ObservedInfra> {
  const managedServices = new Map<string, ObservedService>();
  for (const service of services as readonly ObservedService[]) {
    if (service.metadata?.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) continue;
    managedServices.set(`${service.metadata.namespace}/${service.metadata.name}`, service);
  }
  const managedDeployments = new Map((deployments as readonly ObservedDeployment[]).map((deployment) => [`${deployment.metadata?.namespace}/${deployment.metadata?.name}`, deployment]));
  const infra = new Map<string, ObservedInfra>();
  for (const gateway of gateways) {
    const namespace = gateway.metadata.namespace ?? '';
    const objectKey = `${namespace}/${infraName(gateway.metadata.name)}`;
    const service = managedServices.get(objectKey);
    const deployment = managedDeployments.get(objectKey);
    if (!service && !deployment) continue;
    infra.set(`${namespace}/${gateway.metadata.name}`, {
      ingress: (service?.status?.loadBalancer?.ingress ?? []).map((entry) => ({
        ...(entry.ip ? { ip: entry.ip } : {}),
        ...(entry.hostname ? { hostname: entry.hostname } : {}),
      })),
      readyReplicas: deployment?.status?.readyReplicas ?? 0,
      ...(service?.spec?.loadBalancerIP ? { loadBalancerIp: service.spec.loadBalancerIP } : {}),
      ...optionalRefusal(addressRefusalOf(service)),
    });
  }
  return infra;
}

function optionalRefusal(refusal: ObservedInfra['addressRefusal']): Pick<ObservedInfra, 'addressRefusal'> {
  return refusal ? { addressRefusal: refusal } : {};
}
