// apiVersions the harness knows by kind, so scenarios can name an object by kind and name alone (await:,
// then[].delete). A kind missing here must be written with its apiVersion.

/** Gateway API kinds, at the version the pinned CRDs serve. */
export const gatewayApiVersions: Readonly<Record<string, string>> = {
  GatewayClass: 'gateway.networking.k8s.io/v1',
  Gateway: 'gateway.networking.k8s.io/v1',
  HTTPRoute: 'gateway.networking.k8s.io/v1',
  GRPCRoute: 'gateway.networking.k8s.io/v1',
  ReferenceGrant: 'gateway.networking.k8s.io/v1beta1',
  BackendTLSPolicy: 'gateway.networking.k8s.io/v1',
  ListenerSet: 'gateway.networking.k8s.io/v1',
  TLSRoute: 'gateway.networking.k8s.io/v1',
  TCPRoute: 'gateway.networking.k8s.io/v1',
  UDPRoute: 'gateway.networking.k8s.io/v1',
};

/** Built-in kinds a scenario's manifests commonly hold. */
export const coreApiVersions: Readonly<Record<string, string>> = {
  Namespace: 'v1',
  Service: 'v1',
  Secret: 'v1',
  ConfigMap: 'v1',
  ServiceAccount: 'v1',
  Pod: 'v1',
  Deployment: 'apps/v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
};

/** Known kinds that live outside namespaces: naming a namespace for them is a mistake. */
export const clusterScopedKinds: readonly string[] = ['GatewayClass', 'Namespace', 'ClusterRole', 'ClusterRoleBinding'];

export function knownApiVersion(kind: string): string | undefined {
  return gatewayApiVersions[kind] ?? coreApiVersions[kind];
}

export function knownKinds(): string[] {
  return [...Object.keys(gatewayApiVersions), ...Object.keys(coreApiVersions)];
}
