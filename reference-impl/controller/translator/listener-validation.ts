// Validates each listener of a Gateway on its own (protocol, route kinds, the certificates of a listener that
// terminates TLS) and against its siblings (conflicts on a shared port), before any route is considered. The
// protocols and route kinds a listener may use are those of the served route kinds (route-kind-catalog.ts).
import { type ListenerConflictReason, ListenerReason } from './condition-names.ts';
import { GATEWAY_API_GROUP } from './gateway-api-names.ts';
import { type ListenerCertificates, resolveListenerCertificates } from './listener-certificates.ts';
import { routeKindsForProtocol, SERVED_LISTENER_PROTOCOLS } from './route-kind-catalog.ts';
import type { ListenerSpec, RouteGroupKind } from './snapshot.ts';
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
}

/** `gatewayNamespace` and `index` resolve certificateRefs (a ref without a namespace points at the Gateway's). */
export function validateListeners(listeners: ListenerSpec[], gatewayNamespace: string, index: SnapshotIndex): ValidatedListener[] {
  return listeners.map((spec, position) => {
    const protocolSupported = SERVED_LISTENER_PROTOCOLS.includes(spec.protocol);
    const { supported, invalid } = classifyKinds(spec, protocolSupported);
    const certificates = protocolSupported ? resolveListenerCertificates(spec, gatewayNamespace, index) : undefined;
    return { spec, protocolSupported, supportedKinds: supported, invalidKinds: invalid, conflict: findConflict(listeners, position), certificates };
  });
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
    if (otherIndex === index || other.port !== self.port) return;
    if (!protocolsCanSharePort(self.protocol, other.protocol)) {
      conflict = ListenerReason.ProtocolConflict;
    } else if (conflict === undefined && sameHostnameSpace(self.protocol, other.protocol) && sameHostname(self.hostname, other.hostname)) {
      conflict = ListenerReason.HostnameConflict;
    }
  });
  return conflict;
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
 * A listener that cannot be configured at all: an unsupported protocol, a conflict, or TLS termination
 * without a single certificate that resolved. The Gateway's Accepted condition names these.
 */
export function listenerIsInvalid(listener: ValidatedListener): boolean {
  return !listener.protocolSupported || listener.conflict !== undefined || (listener.certificates !== undefined && listener.certificates.resolved.length === 0);
}

/** Only these listeners are configured on the proxy; the others are reported but not served. */
export function listenerIsServed(listener: ValidatedListener): boolean {
  return !listenerIsInvalid(listener) && listener.supportedKinds.length > 0;
}
