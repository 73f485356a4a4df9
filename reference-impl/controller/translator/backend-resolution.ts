// Resolves an HTTPRoute backendRef to a concrete backend (ready endpoints of a Service port), or to
// an invalid backend carrying its weight plus the ResolvedRefs reason the route's status reports.
import type { BackendIR } from '../../ir/gateway-ir.ts';
import { CORE_GROUP, GATEWAY_API_GROUP, HTTP_ROUTE_KIND } from './gateway-api-names.ts';
import { referencePermitted } from './reference-grant.ts';
import type { BackendRef, EndpointSliceObject } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

export type ResolvedRefsReason = 'BackendNotFound' | 'RefNotPermitted' | 'InvalidKind';

export interface BackendResolution {
  backend: BackendIR;
  failure?: { reason: ResolvedRefsReason; message: string };
}

export function resolveBackendRef(ref: BackendRef, routeNamespace: string, index: SnapshotIndex): BackendResolution {
  const weight = ref.weight ?? 1;
  const namespace = ref.namespace ?? routeNamespace;
  const group = ref.group ?? CORE_GROUP;
  const kind = ref.kind ?? 'Service';
  const label = `${namespace}/${ref.name}${ref.port === undefined ? '' : `:${ref.port}`}`;
  const invalid = (reason: ResolvedRefsReason, message: string): BackendResolution => ({
    backend: { kind: 'invalid', name: label, weight, reason: `${reason}: ${message}` },
    failure: { reason, message },
  });

  if ((group !== CORE_GROUP && group !== 'core') || kind !== 'Service') {
    return invalid('InvalidKind', `backendRef ${label} has group "${group}" kind "${kind}"; only core Services are supported`);
  }
  const reference = {
    from: { group: GATEWAY_API_GROUP, kind: HTTP_ROUTE_KIND, namespace: routeNamespace },
    to: { group: CORE_GROUP, kind: 'Service', namespace, name: ref.name },
  };
  if (!referencePermitted(reference, index.referenceGrantsByNamespace.get(namespace))) {
    return invalid('RefNotPermitted', `backendRef to Service ${namespace}/${ref.name} is not permitted by any ReferenceGrant in namespace ${namespace}`);
  }
  const service = index.services.get(`${namespace}/${ref.name}`);
  if (!service) return invalid('BackendNotFound', `Service ${namespace}/${ref.name} not found`);
  if (ref.port === undefined) return invalid('BackendNotFound', `backendRef to Service ${namespace}/${ref.name} has no port`);
  const servicePort = service.spec?.ports?.find((port) => port.port === ref.port);
  if (!servicePort) return invalid('BackendNotFound', `Service ${namespace}/${ref.name} has no port ${ref.port}`);

  const slices = index.endpointSlicesByService.get(`${namespace}/${ref.name}`) ?? [];
  return {
    backend: { kind: 'service', name: label, weight, protocol: 'http', filters: [], endpoints: readyEndpoints(slices, servicePort.name ?? '') },
  };
}

/** Ready addresses of the slices' port named like the Service port (unnamed matches unnamed). */
function readyEndpoints(slices: EndpointSliceObject[], portName: string): { address: string; port: number }[] {
  const endpoints: { address: string; port: number }[] = [];
  const seen = new Set<string>();
  for (const slice of slices) {
    const slicePort = slice.ports?.find((port) => (port.name ?? '') === portName);
    if (slicePort?.port === undefined) continue;
    for (const endpoint of slice.endpoints ?? []) {
      // EndpointSlice semantics: an unset `ready` means ready.
      if (endpoint.conditions?.ready === false) continue;
      for (const address of endpoint.addresses) {
        const key = `${address}:${slicePort.port}`;
        if (seen.has(key)) continue;
        seen.add(key);
        endpoints.push({ address, port: slicePort.port });
      }
    }
  }
  return endpoints;
}
