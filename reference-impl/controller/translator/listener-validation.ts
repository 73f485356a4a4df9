// Validates each listener of a Gateway on its own (protocol, route kinds, the certificates of a listener that
// terminates TLS and the client certificate validation the Gateway asks of an HTTPS listener) and against its
// siblings (conflicts on a shared port), before any route is considered. The protocols and route kinds a listener
// may use are those of the served route kinds (route-kind-catalog.ts).
import { type ListenerConflictReason, ListenerReason } from './condition-names.ts';
import { type ListenerClientValidation, resolveClientValidation } from './frontend-tls/client-validation.ts';
import { GATEWAY_API_GROUP, GATEWAY_KIND } from './gateway-api-names.ts';
import { type ListenerCertificates, resolveListenerCertificates } from './listener-certificates.ts';
import { routeKindsForProtocol, SERVED_LISTENER_PROTOCOLS } from './route-kind-catalog.ts';
import type { GatewayObject, ListenerSpec, RouteGroupKind } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

export type ListenerConflict = ListenerConflictReason;

export interface ValidatedListener {
  spec: ListenerSpec;
  protocolSupported: boolean;
  /** Route kinds this listener accepts (empty when its protocol is unsupported). */
  supportedKinds: RouteGroupKind[];
  /** allowedRoutes.kinds named kinds we do not support. */
  invalidKinds: RouteGroupKind[];
  conflict: ListenerConflict | undefined;
  /** For a listener terminating TLS (HTTPS, TLS in Terminate mode): its certificates, and why any of them does not resolve. */
  certificates: ListenerCertificates | undefined;
  /** For an HTTPS listener the Gateway's spec.tls.frontend covers: the CA bundles client certificates are checked against. */
  clientValidation?: ListenerClientValidation;
  /** `<namespace>/<name>` of the ListenerSet this listener comes from; absent for the Gateway's own listeners. */
  listenerSet?: string;
}

/** Where a listener is declared: its namespace (certificate refs without one point there) and the kind ReferenceGrants must name. */
export interface ListenerOwner {
  namespace: string;
  referrerKind: string;
  /** The Gateway's spec.tls.frontend, for HTTPS listeners. */
  frontend?: NonNullable<GatewayObject['spec']['tls']>['frontend'];
  /** For a ListenerSet's listener: `<namespace>/<name>` of the set. */
  listenerSet?: string;
}

/**
 * `index` resolves certificateRefs and caCertificateRefs (a ref without a namespace points at the Gateway's);
 * `now` (the snapshot's, RFC 3339) judges certificate validity dates.
 */
export function validateListeners(gateway: GatewayObject, index: SnapshotIndex, now: string): ValidatedListener[] {
  const listeners = gateway.spec.listeners ?? [];
  const owner: ListenerOwner = { namespace: gateway.metadata.namespace ?? '', referrerKind: GATEWAY_KIND, frontend: gateway.spec.tls?.frontend };
  return listeners.map((spec, position) => ({ ...validateListener(spec, owner, index, now), conflict: findConflict(listeners, position) }));
}

/** One listener on its own (protocol, kinds, certificates, client validation); conflicts are the caller's to find. */
export function validateListener(spec: ListenerSpec, owner: ListenerOwner, index: SnapshotIndex, now: string): ValidatedListener {
  const protocolSupported = SERVED_LISTENER_PROTOCOLS.includes(spec.protocol);
  const { supported, invalid } = classifyKinds(spec, protocolSupported);
  const certificates = protocolSupported ? resolveListenerCertificates(spec, owner.namespace, index, now, owner.referrerKind) : undefined;
  const clientValidation = protocolSupported ? resolveClientValidation(spec, owner.frontend, owner.namespace, index) : undefined;
  return {
    spec,
    protocolSupported,
    supportedKinds: supported,
    invalidKinds: invalid,
    conflict: undefined,
    certificates,
    ...(clientValidation ? { clientValidation } : {}),
    ...(owner.listenerSet === undefined ? {} : { listenerSet: owner.listenerSet }),
  };
}

function classifyKinds(spec: ListenerSpec, protocolSupported: boolean): { supported: RouteGroupKind[]; invalid: RouteGroupKind[] } {
  const requested = spec.allowedRoutes?.kinds;
  const forProtocol = protocolSupported ? routeKindsForProtocol(spec.protocol) : [];
  if (requested === undefined || requested.length === 0) return { supported: forProtocol, invalid: [] };
  const supported: RouteGroupKind[] = [];
  const invalid: RouteGroupKind[] = [];
  for (const kind of requested) {
    const group = kind.group ?? GATEWAY_API_GROUP;
    if (forProtocol.some((candidate) => candidate.group === group && candidate.kind === kind.kind)) {
      supported.push({ group, kind: kind.kind });
    } else {
      invalid.push({ group, kind: kind.kind });
    }
  }
  return { supported, invalid };
}

/**
 * Listeners on one port conflict when their protocols cannot share it (different transport
 * families), or when they share a hostname where it tells them apart: the same protocol, or HTTPS and TLS,
 * whose connections are both assigned by the SNI alone (TLS listeners of either mode share a port freely).
 */
function findConflict(listeners: ListenerSpec[], index: number): ListenerConflict | undefined {
  const self = listeners[index];
  if (!self) return undefined;
  let conflict: ListenerConflict | undefined;
  listeners.forEach((other, otherIndex) => {
    if (otherIndex === index) return;
    const found = listenerConflict(self, other);
    // A protocol conflict outranks a hostname conflict.
    if (found === ListenerReason.ProtocolConflict || conflict === undefined) conflict = found ?? conflict;
  });
  return conflict;
}

/** How two listeners conflict, if they do: only listeners of one port can. */
export function listenerConflict(self: ListenerSpec, other: ListenerSpec): ListenerConflict | undefined {
  if (other.port !== self.port) return undefined;
  if (!protocolsCanSharePort(self.protocol, other.protocol)) return ListenerReason.ProtocolConflict;
  if (sameHostnameSpace(self.protocol, other.protocol) && sameHostname(self.hostname, other.hostname)) return ListenerReason.HostnameConflict;
  return undefined;
}

/** HTTPS and TLS (either mode) are both distinguished by the SNI on one port. */
const SNI_FAMILY = new Set(['HTTPS', 'TLS']);

function protocolsCanSharePort(a: string, b: string): boolean {
  if (a === b) return true;
  if (SNI_FAMILY.has(a) && SNI_FAMILY.has(b)) return true;
  // UDP lives on another transport than all the TCP-based protocols.
  return (a === 'UDP') !== (b === 'UDP');
}

function sameHostnameSpace(a: string, b: string): boolean {
  return a === b || (SNI_FAMILY.has(a) && SNI_FAMILY.has(b));
}

function sameHostname(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

/**
 * A listener that cannot be configured at all: an unsupported protocol, a conflict, TLS termination without a
 * single certificate that resolved, or client validation without a single CA bundle that resolved. The
 * Gateway's Accepted condition names these.
 */
export function listenerIsInvalid(listener: ValidatedListener): boolean {
  return (
    !listener.protocolSupported ||
    listener.conflict !== undefined ||
    (listener.certificates !== undefined && listener.certificates.resolved.length === 0) ||
    lacksValidCaCertificate(listener)
  );
}

/** Client validation is asked of the listener and none of its CA bundles resolved: NoValidCACertificate. */
export function lacksValidCaCertificate(listener: ValidatedListener): boolean {
  return listener.clientValidation !== undefined && listener.clientValidation.caCertificates.length === 0;
}

/** Only these listeners are configured on the proxy; the others are reported but not served. */
export function listenerIsServed(listener: ValidatedListener): boolean {
  return !listenerIsInvalid(listener) && listener.supportedKinds.length > 0;
}
