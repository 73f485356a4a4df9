// Lookup tables over a snapshot, built once per translation so each rule is a map lookup.
import { type ClusterSnapshot, type EndpointSliceObject, type NamespaceObject, objectKey, type ReferenceGrantObject, type ServiceObject } from './snapshot.ts';

/** Label EndpointSlices carry to name the Service they belong to. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface SnapshotIndex {
  services: Map<string, ServiceObject>;
  endpointSlicesByService: Map<string, EndpointSliceObject[]>;
  namespaces: Map<string, NamespaceObject>;
  referenceGrantsByNamespace: Map<string, ReferenceGrantObject[]>;
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
  return { services, endpointSlicesByService, namespaces, referenceGrantsByNamespace };
}

function pushInto<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
