// Decides whether a route of any kind attaches to a Gateway through one parentRef, and to which listeners
// with which hostnames. Attachment depends only on the parentRef (sectionName, port), the listeners'
// allowedRoutes (namespaces, kinds) and hostname intersection; failures carry the spec's reason.
import { RouteReason } from './condition-names.ts';
import { GATEWAY_API_GROUP } from './gateway-api-names.ts';
import { intersectHostnames } from './hostname-intersection.ts';
import { selectorMatches } from './label-selector.ts';
import type { ValidatedListener } from './listener-validation.ts';
import type { ListenerSpec, ParentRef } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

export type AttachmentFailureReason = typeof RouteReason.NoMatchingParent | typeof RouteReason.NotAllowedByListeners | typeof RouteReason.NoMatchingListenerHostname;

export interface ListenerAttachment {
  listener: ValidatedListener;
  hostnames: string[];
}

export type AttachmentResult =
  | { attached: true; listeners: ListenerAttachment[] }
  | { attached: false; reason: AttachmentFailureReason; message: string };

export interface AttachmentInput {
  parentRef: ParentRef;
  /** The route's kind, namespace and hostnames (undefined for kinds without hostnames). */
  route: { kind: string; namespace: string; hostnames: string[] | undefined };
  /** The parent: a Gateway's own listeners, or a ListenerSet's (`kind` ListenerSet; its namespace is what Same means). */
  gateway: { kind?: string; namespace: string; name: string; listeners: ValidatedListener[] };
  index: SnapshotIndex;
}

export function attachRoute(input: AttachmentInput): AttachmentResult {
  const { parentRef, route, gateway } = input;
  const gatewayName = `${gateway.kind ?? 'Gateway'} ${gateway.namespace}/${gateway.name}`;
  const selected = gateway.listeners.filter(
    (listener) =>
      (parentRef.sectionName === undefined || listener.spec.name === parentRef.sectionName) &&
      (parentRef.port === undefined || listener.spec.port === parentRef.port),
  );
  if (selected.length === 0) {
    return { attached: false, reason: RouteReason.NoMatchingParent, message: `${gatewayName} has no listener matching ${describeSection(parentRef)}` };
  }
  const allowed = selected.filter(
    (listener) => kindAllowed(listener, route.kind) && namespaceAllowed(listener.spec, route.namespace, gateway.namespace, input.index),
  );
  if (allowed.length === 0) {
    const ofKind = selected.filter((listener) => kindAllowed(listener, route.kind));
    const message =
      ofKind.length === 0
        ? `no listener of ${gatewayName} (${names(selected)}) supports ${route.kind}s: they take ${describeKinds(selected)}`
        : `no listener of ${gatewayName} (${names(selected)}) allows ${route.kind}s from namespace ${route.namespace}`;
    return { attached: false, reason: RouteReason.NotAllowedByListeners, message };
  }
  const listeners = allowed
    .map((listener) => ({ listener, hostnames: intersectHostnames(listener.spec.hostname, route.hostnames) }))
    .filter((attachment) => attachment.hostnames.length > 0);
  if (listeners.length === 0) {
    return {
      attached: false,
      reason: RouteReason.NoMatchingListenerHostname,
      message: `no hostname of the route intersects the hostnames of listeners ${names(allowed)} of ${gatewayName}`,
    };
  }
  return { attached: true, listeners };
}

function kindAllowed(listener: ValidatedListener, routeKind: string): boolean {
  return listener.supportedKinds.some((kind) => (kind.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && kind.kind === routeKind);
}

function namespaceAllowed(listener: ListenerSpec, routeNamespace: string, gatewayNamespace: string, index: SnapshotIndex): boolean {
  const namespaces = listener.allowedRoutes?.namespaces;
  switch (namespaces?.from ?? 'Same') {
    case 'All':
      return true;
    case 'Same':
      return routeNamespace === gatewayNamespace;
    case 'Selector': {
      const selector = namespaces?.selector;
      const namespace = index.namespaces.get(routeNamespace);
      return selector !== undefined && namespace !== undefined && selectorMatches(selector, namespace.metadata.labels);
    }
    default:
      return false;
  }
}

function describeSection(parentRef: ParentRef): string {
  const parts = [
    parentRef.sectionName === undefined ? undefined : `sectionName "${parentRef.sectionName}"`,
    parentRef.port === undefined ? undefined : `port ${parentRef.port}`,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' and ') : 'the parentRef';
}

function describeKinds(listeners: ValidatedListener[]): string {
  const kinds = [...new Set(listeners.flatMap((listener) => listener.supportedKinds.map((kind) => kind.kind)))];
  return kinds.length > 0 ? kinds.join(', ') : 'no route kind';
}

function names(listeners: ValidatedListener[]): string {
  return listeners.map((listener) => listener.spec.name).join(', ');
}
