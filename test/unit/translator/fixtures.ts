// Object-literal builders for translator tests: each returns a minimal valid object that a test
// then bends to the case it checks.
import type {
  ClusterSnapshot,
  Condition,
  EndpointSliceObject,
  GatewayClassObject,
  GatewayObject,
  HTTPRouteObject,
  ListenerSpec,
  NamespaceObject,
  ReferenceGrantObject,
  ServiceObject,
} from '../../../reference-impl/controller/translator/snapshot.ts';
import type { StatusUpdate, TranslationResult } from '../../../reference-impl/controller/translator/translation-result.ts';

export const CONTROLLER = 'gauntlet.dev/gateway-controller';
export const NOW = '2026-11-26T10:00:00Z';

export function gatewayClass(name = 'gauntlet', controllerName = CONTROLLER): GatewayClassObject {
  return { metadata: { name, generation: 1 }, spec: { controllerName } };
}

export function httpListener(name: string, overrides: Partial<ListenerSpec> = {}): ListenerSpec {
  return { name, port: 80, protocol: 'HTTP', ...overrides };
}

export function gateway(name: string, listeners: ListenerSpec[], namespace = 'infra'): GatewayObject {
  return { metadata: { name, namespace, uid: `uid-${name}`, generation: 3 }, spec: { gatewayClassName: 'gauntlet', listeners } };
}

export function httpRoute(name: string, spec: HTTPRouteObject['spec'], options: { namespace?: string; created?: string } = {}): HTTPRouteObject {
  return {
    metadata: { name, namespace: options.namespace ?? 'infra', generation: 2, creationTimestamp: options.created ?? '2026-01-01T00:00:00Z' },
    spec,
  };
}

export function service(name: string, namespace = 'infra', ports: { name?: string; port: number }[] = [{ name: 'http', port: 8080 }]): ServiceObject {
  return { metadata: { name, namespace }, spec: { ports } };
}

export function endpointSlice(
  serviceName: string,
  endpoints: { address: string; ready?: boolean }[],
  options: { namespace?: string; portName?: string; port?: number } = {},
): EndpointSliceObject {
  return {
    metadata: { name: `${serviceName}-abc`, namespace: options.namespace ?? 'infra', labels: { 'kubernetes.io/service-name': serviceName } },
    addressType: 'IPv4',
    endpoints: endpoints.map((endpoint) => ({
      addresses: [endpoint.address],
      ...(endpoint.ready === undefined ? {} : { conditions: { ready: endpoint.ready } }),
    })),
    ports: [{ name: options.portName ?? 'http', port: options.port ?? 3000, protocol: 'TCP' }],
  };
}

export function namespace(name: string, labels: Record<string, string> = {}): NamespaceObject {
  return { metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}

export function referenceGrant(namespaceName: string, fromNamespace: string, toName?: string): ReferenceGrantObject {
  return {
    metadata: { name: `allow-${fromNamespace}`, namespace: namespaceName },
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: fromNamespace }],
      to: [{ group: '', kind: 'Service', ...(toName ? { name: toName } : {}) }],
    },
  };
}

export function snapshot(parts: Partial<ClusterSnapshot>): ClusterSnapshot {
  return {
    now: NOW,
    gatewayClasses: [gatewayClass()],
    gateways: [],
    httpRoutes: [],
    grpcRoutes: [],
    tlsRoutes: [],
    tcpRoutes: [],
    udpRoutes: [],
    services: [],
    endpointSlices: [],
    namespaces: [namespace('infra'), namespace('apps')],
    referenceGrants: [],
    secrets: [],
    configMaps: [],
    backendTlsPolicies: [],
    gatewayApiCrds: [
      { name: 'gatewayclasses.gateway.networking.k8s.io', bundleVersion: 'v1.6.1' },
      { name: 'gateways.gateway.networking.k8s.io', bundleVersion: 'v1.6.1' },
      { name: 'httproutes.gateway.networking.k8s.io', bundleVersion: 'v1.6.1' },
    ],
    infra: new Map(),
    ...parts,
  };
}

export function statusOf(result: TranslationResult, kind: StatusUpdate['kind'], name: string, namespaceName?: string): Record<string, unknown> {
  const update = result.statuses.find((entry) => entry.kind === kind && entry.name === name && entry.namespace === namespaceName);
  if (!update) throw new Error(`no status update for ${kind} ${namespaceName ?? ''}/${name}`);
  return update.status;
}

export interface TestListenerStatus {
  name: string;
  attachedRoutes: number;
  supportedKinds: { group?: string; kind: string }[];
  conditions: Condition[];
}

export function gatewayStatusOf(result: TranslationResult, name: string, namespaceName = 'infra') {
  return statusOf(result, 'Gateway', name, namespaceName) as {
    conditions: Condition[];
    listeners: TestListenerStatus[];
    addresses?: { type: string; value: string }[];
  };
}

export function listenerStatus(result: TranslationResult, gatewayName: string, listenerName: string): TestListenerStatus {
  const found = gatewayStatusOf(result, gatewayName).listeners.find((listener) => listener.name === listenerName);
  if (!found) throw new Error(`no status for listener ${listenerName}`);
  return found;
}

export function routeParents(result: TranslationResult, name: string, namespaceName = 'infra') {
  return (statusOf(result, 'HTTPRoute', name, namespaceName) as { parents: { parentRef: unknown; controllerName: string; conditions: Condition[] }[] }).parents;
}

/** `type=status/reason` of each condition, compact for assertions. */
export function summary(conditions: Condition[]): Record<string, string> {
  return Object.fromEntries(conditions.map((condition) => [condition.type, `${condition.status}/${condition.reason}`]));
}

export function irRules(result: TranslationResult, gatewayKey: string, port: number, hostname: string) {
  const ir = result.gateways.get(gatewayKey);
  const vhost = ir?.listeners.find((listener) => listener.port === port)?.virtualHosts.find((host) => host.hostname === hostname);
  if (!vhost) throw new Error(`no virtual host ${hostname} on port ${port} of ${gatewayKey}`);
  return vhost.rules;
}
