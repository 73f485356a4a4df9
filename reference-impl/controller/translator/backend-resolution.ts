// Resolves a route's reference to a backend (a backendRef, a RequestMirror's backendRef) to the ready
// endpoints of a Service port, or says why it does not resolve with the ResolvedRefs reason the route's
// status reports. Shared by every route kind: the referring kind matters only to ReferenceGrants, and what
// the Service port's appProtocol means is the kind's to decide.
import type { RouteRefReason } from './condition-names.ts';
import { RouteReason } from './condition-names.ts';
import { CORE_GROUP, GATEWAY_API_GROUP, SERVICE_KIND } from './gateway-api-names.ts';
import { referencePermitted } from './reference-grant.ts';
import type { BackendObjectReference, EndpointSliceObject, ServicePort } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

/** Why a reference of a route does not resolve: the reason and message of its ResolvedRefs condition. */
export interface RefFailure {
  reason: RouteRefReason;
  message: string;
}

/** The route making the reference: its kind (a ReferenceGrant names it) and namespace. */
export interface BackendReferrer {
  kind: string;
  namespace: string;
}

export interface ResolvedServicePort {
  /** `<namespace>/<name>` of the Service. */
  key: string;
  port: ServicePort;
  endpoints: { address: string; port: number }[];
}

export type ServiceResolution = { label: string } & ({ ok: true; service: ResolvedServicePort } | { ok: false; failure: RefFailure });

export function resolveServiceRef(ref: BackendObjectReference, referrer: BackendReferrer, index: SnapshotIndex): ServiceResolution {
  const namespace = ref.namespace ?? referrer.namespace;
  const group = ref.group ?? CORE_GROUP;
  const kind = ref.kind ?? SERVICE_KIND;
  // `<namespace>/<name>:<port>`, the name the IR and the proxy's logs give the backend.
  const label = `${namespace}/${ref.name}${ref.port === undefined ? '' : `:${ref.port}`}`;
  const fail = (reason: RouteRefReason, message: string): ServiceResolution => ({ label, ok: false, failure: { reason, message } });

  if ((group !== CORE_GROUP && group !== 'core') || kind !== SERVICE_KIND) {
    return fail(RouteReason.InvalidKind, `backendRef ${label} has group "${group}" kind "${kind}"; only core Services are supported`);
  }
  const reference = {
    from: { group: GATEWAY_API_GROUP, kind: referrer.kind, namespace: referrer.namespace },
    to: { group: CORE_GROUP, kind: SERVICE_KIND, namespace, name: ref.name },
  };
  if (!referencePermitted(reference, index.referenceGrantsByNamespace.get(namespace))) {
    return fail(
      RouteReason.RefNotPermitted,
      `backendRef to Service ${namespace}/${ref.name} is not permitted by any ReferenceGrant in namespace ${namespace} (from ${referrer.kind}s in ${referrer.namespace})`,
    );
  }
  const service = index.services.get(`${namespace}/${ref.name}`);
  if (!service) return fail(RouteReason.BackendNotFound, `Service ${namespace}/${ref.name} not found`);
  if (ref.port === undefined) return fail(RouteReason.BackendNotFound, `backendRef to Service ${namespace}/${ref.name} has no port`);
  const servicePort = service.spec?.ports?.find((port) => port.port === ref.port);
  if (!servicePort) return fail(RouteReason.BackendNotFound, `Service ${namespace}/${ref.name} has no port ${ref.port}`);

  const slices = index.endpointSlicesByService.get(`${namespace}/${ref.name}`) ?? [];
  return { label, ok: true, service: { key: `${namespace}/${ref.name}`, port: servicePort, endpoints: readyEndpoints(slices, servicePort.name ?? '') } };
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
