// Lookup tables over a snapshot, built once per translation so each rule is a map lookup. BackendTLSPolicies are
// resolved here too (each once, with the precedence between them), so compiling a backend is a lookup as well.
import { type BackendTlsPolicies, indexBackendTlsPolicies } from './backend-tls/policy-precedence.ts';
import { resolvePolicy } from './backend-tls/policy-resolution.ts';
import {
  type ClusterSnapshot,
  type ConfigMapObject,
  type EndpointSliceObject,
  type NamespaceObject,
  objectKey,
  type ReferenceGrantObject,
  type SecretObject,
  type ServiceObject,
} from './snapshot.ts';

/** Label EndpointSlices carry to name the Service they belong to. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface SnapshotIndex {
  services: Map<string, ServiceObject>;
  endpointSlicesByService: Map<string, EndpointSliceObject[]>;
  namespaces: Map<string, NamespaceObject>;
  referenceGrantsByNamespace: Map<string, ReferenceGrantObject[]>;
  /** By `<namespace>/<name>`. */
  secrets: Map<string, SecretObject>;
  /** By `<namespace>/<name>`. */
  configMaps: Map<string, ConfigMapObject>;
  /** The BackendTLSPolicy that applies to each Service port. */
  backendTls: BackendTlsPolicies;
}

export function indexSnapshot(snapshot: ClusterSnapshot): SnapshotIndex {
  const services = new Map(snapshot.services.map((service) => [objectKey(service.metadata), service]));
  const endpointSlicesByService = new Map<string, EndpointSliceObject[]>();
  for (const slice of snapshot.endpointSlices) {
    const serviceName = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!serviceName) continue;
    pushInto(endpointSlicesByService, `${slice.metadata.namespace ?? ''}/${serviceName}`, slice);
  }
  const namespaces = new Map(snapshot.namespaces.map((namespace) => [namespace.metadata.name, namespace]));
  const referenceGrantsByNamespace = new Map<string, ReferenceGrantObject[]>();
  for (const grant of snapshot.referenceGrants) pushInto(referenceGrantsByNamespace, grant.metadata.namespace ?? '', grant);
  const secrets = new Map(snapshot.secrets.map((secret) => [objectKey(secret.metadata), secret]));
  const configMaps = new Map(snapshot.configMaps.map((configMap) => [objectKey(configMap.metadata), configMap]));
  const objects = { referenceGrantsByNamespace, secrets, configMaps };
  const backendTls = indexBackendTlsPolicies(snapshot.backendTlsPolicies, (policy) => resolvePolicy(policy, objects));
  return { services, endpointSlicesByService, namespaces, referenceGrantsByNamespace, secrets, configMaps, backendTls };
}

function pushInto<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
