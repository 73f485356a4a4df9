// What the translator reads: plain objects as the API server returns them (only the fields used here),
// plus the observed state of each Gateway's proxy infrastructure and the current time. Keeping these
// shapes our own (not client-node's classes) lets tests write object literals and keeps Dates out.
// The HTTPRoute's own shapes are in http-route/http-route-object.ts, the TLSRoute's in tls-route/tls-route-object.ts.
import type { BackendTLSPolicyObject, ConfigMapObject } from './backend-tls/backend-tls-policy-object.ts';
import type { GatewayTLSConfig } from './gateway-tls-config.ts';
import type { GRPCRouteObject } from './grpc-route/grpc-route-object.ts';
import type { HTTPRouteObject } from './http-route/http-route-object.ts';
import type { ListenerSetObject } from './listener-set/listener-set-object.ts';
import type { TCPRouteObject, UDPRouteObject } from './stream-route/stream-route-object.ts';
import type { TLSRouteObject } from './tls-route/tls-route-object.ts';

export type * from './backend-tls/backend-tls-policy-object.ts';
export type * from './gateway-tls-config.ts';
export type * from './grpc-route/grpc-route-object.ts';
export type * from './http-route/http-route-object.ts';
export type * from './listener-set/listener-set-object.ts';
export type * from './tls-route/tls-route-object.ts';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  /** Carried through to the status writer, which makes it a precondition of its patch. */
  resourceVersion?: string;
  generation?: number;
  /** RFC 3339, as the API server sends it. */
  creationTimestamp?: string;
  labels?: Record<string, string>;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

export interface GatewayClassObject {
  metadata: ObjectMeta;
  spec: { controllerName: string; parametersRef?: { group?: string; kind: string; name: string; namespace?: string } };
  status?: { conditions?: Condition[] };
}

export interface RouteGroupKind {
  group?: string;
  kind: string;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A reference to an object holding a certificate (a core Secret unless group and kind say otherwise). */
export interface SecretObjectReference {
  group?: string;
  kind?: string;
  name: string;
  /** Absent: the Gateway's namespace. Another namespace needs a ReferenceGrant there. */
  namespace?: string;
}

/** A listener's `tls`: how TLS sessions are handled and with which certificates. */
export interface ListenerTLSConfig {
  /** Terminate (the default) or Passthrough. */
  mode?: string;
  certificateRefs?: SecretObjectReference[];
  options?: Record<string, string>;
}

export interface ListenerSpec {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tls?: ListenerTLSConfig;
  allowedRoutes?: {
    namespaces?: { from?: 'All' | 'Same' | 'Selector'; selector?: LabelSelector };
    kinds?: RouteGroupKind[];
  };
}

export interface ListenerStatus {
  name: string;
  supportedKinds: RouteGroupKind[];
  attachedRoutes: number;
  conditions: Condition[];
}

export interface GatewayStatus {
  addresses?: { type?: string; value: string }[];
  /** ListenerSets attached to the Gateway (allowed by it and Accepted); written while the Gateway allows any. */
  attachedListenerSets?: number;
  conditions?: Condition[];
  listeners?: ListenerStatus[];
}

export interface GatewayObject {
  metadata: ObjectMeta;
  spec: {
    gatewayClassName: string;
    listeners: ListenerSpec[];
    addresses?: { type?: string; value?: string }[];
    /** Labels and annotations for everything provisioned for the Gateway; parametersRef (unsupported here). */
    infrastructure?: { labels?: Record<string, string>; annotations?: Record<string, string>; parametersRef?: { group?: string; kind: string; name: string } };
    /** Client certificate validation (frontend) and the client certificate presented to backends (backend). */
    tls?: GatewayTLSConfig;
    /** Which ListenerSets may attach their listeners (absent or None: none). */
    allowedListeners?: { namespaces?: { from?: 'All' | 'Same' | 'Selector' | 'None'; selector?: LabelSelector } };
  };
  status?: GatewayStatus;
}

export interface ParentRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** A reference to a backend object (a core Service unless group and kind say otherwise). */
export interface BackendObjectReference {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
}

export interface BackendRef extends BackendObjectReference {
  weight?: number;
}

export interface RouteParentStatus {
  parentRef: ParentRef;
  controllerName: string;
  conditions: Condition[];
}

/** What every route kind shares: the shared translation stages read only these fields. */
export interface RouteObject {
  metadata: ObjectMeta;
  spec: { parentRefs?: ParentRef[] };
  status?: { parents?: RouteParentStatus[] };
}

export interface ServiceObject {
  metadata: ObjectMeta;
  spec?: { ports?: ServicePort[]; type?: string };
}

export interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  /** The application protocol (KEP-3726): `kubernetes.io/h2c`, `kubernetes.io/ws`, ... */
  appProtocol?: string;
}

export interface EndpointSliceObject {
  metadata: ObjectMeta;
  addressType?: string;
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[];
  ports?: { name?: string; port?: number; protocol?: string }[];
}

/** A Secret as the API server returns it: `data` values are base64. */
export interface SecretObject {
  metadata: ObjectMeta;
  type?: string;
  data?: Record<string, string>;
}

export interface NamespaceObject {
  metadata: ObjectMeta;
}

export interface ReferenceGrantObject {
  metadata: ObjectMeta;
  spec: {
    from: { group: string; kind: string; namespace: string }[];
    to: { group: string; kind: string; name?: string }[];
  };
}

/** A CustomResourceDefinition of the Gateway API group, reduced to what SupportedVersion needs. */
export interface GatewayApiCrd {
  name: string;
  /** The CRD's bundle-version annotation (BUNDLE_VERSION_ANNOTATION), absent when it has none. */
  bundleVersion?: string;
}

/** What was observed of one Gateway's proxy Deployment and LoadBalancer Service. */
export interface ObservedInfra {
  /** The Service's `status.loadBalancer.ingress`. */
  ingress: { ip?: string; hostname?: string }[];
  /** The Deployment's `status.readyReplicas` (0 when absent). */
  readyReplicas: number;
  /** The Service's `spec.loadBalancerIP`: the address it asks for, if any. */
  loadBalancerIp?: string;
  /** Why the load balancer refused that address, when a condition on the Service says it did. */
  addressRefusal?: { reason: string; message: string };
}

export interface ClusterSnapshot {
  /** RFC 3339 time (second precision) used as lastTransitionTime of conditions that change now. */
  now: string;
  gatewayClasses: GatewayClassObject[];
  gateways: GatewayObject[];
  httpRoutes: HTTPRouteObject[];
  grpcRoutes: GRPCRouteObject[];
  tlsRoutes: TLSRouteObject[];
  tcpRoutes: TCPRouteObject[];
  udpRoutes: UDPRouteObject[];
  services: ServiceObject[];
  endpointSlices: EndpointSliceObject[];
  namespaces: NamespaceObject[];
  referenceGrants: ReferenceGrantObject[];
  /** Secrets, for the certificates HTTPS listeners and TLS listeners in Terminate mode name. */
  secrets: SecretObject[];
  /** ConfigMaps, for the CA certificates client validation and BackendTLSPolicies name. */
  configMaps: ConfigMapObject[];
  backendTlsPolicies: BackendTLSPolicyObject[];
  /** ListenerSets, whose listeners join their parent Gateway's when it allows them (absent: none). */
  listenerSets?: ListenerSetObject[];
  /** The installed Gateway API CRDs (GatewayClass status reports whether their release is supported). */
  gatewayApiCrds: GatewayApiCrd[];
  /** Keyed by `<namespace>/<gateway name>`; absent when nothing was observed yet. */
  infra: Map<string, ObservedInfra>;
}

export function objectKey(metadata: ObjectMeta): string {
  return `${metadata.namespace ?? ''}/${metadata.name}`;
}
