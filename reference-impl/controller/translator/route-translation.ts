// Translates every route of one kind, the same way for all kinds: compiles each route's rules once, attaches
// the route to each of our Gateways its parentRefs name, and builds its status. What the kind contributes to
// the IR comes back as attachments, one per listener the route attached to, for the IR builder of that kind.
import { GatewayReason, RouteReason } from './condition-names.ts';
import type { DesiredCondition } from './conditions.ts';
import { GATEWAY_API_GROUP, GATEWAY_KIND } from './gateway-api-names.ts';
import type { BackendClientCertificate } from './gateway-backend-client-certificate.ts';
import { LISTENER_SET_KIND } from './listener-set/listener-set-object.ts';
import type { ListenerSetInTranslation } from './listener-set/listener-set-translation.ts';
import type { ValidatedListener } from './listener-validation.ts';
import { attachRoute } from './route-attachment.ts';
import type { CompiledRoute, RouteKind } from './route-kind.ts';
import {
  acceptedOutcome,
  noValidRuleOutcome,
  type ParentOutcome,
  partiallyInvalidOutcome,
  rejectedOutcome,
  resolvedRefsOutcome,
  routeStatus,
} from './route-status.ts';
import { type ClusterSnapshot, type GatewayObject, objectKey, type ParentRef, type RouteObject } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';
import type { TranslationMemo } from './translation-memo.ts';
import type { StatusUpdate } from './translation-result.ts';

/** One of our Gateways, as the route stage needs it (listeners validated, acceptance decided). */
export interface GatewayInTranslation {
  object: GatewayObject;
  namespace: string;
  name: string;
  listeners: ValidatedListener[];
  accepted: DesiredCondition;
  /** spec.tls.backend.clientCertificateRef resolved, when the Gateway names one. */
  backendClientCertificate?: BackendClientCertificate | undefined;
}

export interface RouteAttachment<Rule> {
  /** `<namespace>/<name>` of the Gateway. */
  gatewayKey: string;
  /** `<kind>/<namespace>/<name>` of the route: a listener counts each route once, whatever its parentRefs. */
  routeKey: string;
  listener: ValidatedListener;
  /** Intersected hostnames (lower case); `*` means any host. */
  hostnames: string[];
  rules: Rule[];
}

export interface KindTranslation<Rule> {
  statuses: StatusUpdate[];
  attachments: RouteAttachment<Rule>[];
}

export interface RouteStageInput {
  snapshot: ClusterSnapshot;
  gateways: Map<string, GatewayInTranslation>;
  index: SnapshotIndex;
  controllerName: string;
  /** ListenerSets of our Gateways by `<namespace>/<name>`: a parentRef of kind ListenerSet attaches to its listeners. */
  listenerSets?: Map<string, ListenerSetInTranslation>;
  /** Routes compiled by earlier translations, reused while the route and the index are the same objects. */
  memo?: TranslationMemo | undefined;
}

export function translateRoutes<Route extends RouteObject, Rule>(kind: RouteKind<Route, Rule>, input: RouteStageInput): KindTranslation<Rule> {
  const result: KindTranslation<Rule> = { statuses: [], attachments: [] };
  const context = { controllerName: input.controllerName, now: input.snapshot.now };
  for (const route of kind.routesOf(input.snapshot)) {
    const parents = (route.spec.parentRefs ?? []).flatMap((parentRef) => {
      const listenerSet = input.listenerSets?.get(listenerSetKey(parentRef, route.metadata.namespace ?? ''));
      const gateway = input.gateways.get(listenerSet?.gatewayKey ?? parentGatewayKey(parentRef, route.metadata.namespace ?? ''));
      return gateway ? [{ parentRef, gateway, listenerSet }] : [];
    });
    const hasOurEntries = (route.status?.parents ?? []).some((entry) => entry.controllerName === input.controllerName);
    // A route that names none of our Gateways, and never did, is another controller's business.
    if (parents.length === 0 && !hasOurEntries) continue;
    const compiled = input.memo ? input.memo.compile(kind, route, input.index) : kind.compile(route, input.index);
    const outcomes = parents.map(({ parentRef, gateway, listenerSet }) => parentOutcome({ kind, route, compiled, parentRef, gateway, listenerSet }, input.index, result.attachments));
    const status = { ...route.status, ...routeStatus(route, outcomes, context) };
    result.statuses.push({ kind: kind.kind, namespace: route.metadata.namespace ?? '', name: route.metadata.name, status });
  }
  return result;
}

interface ParentCase<Route extends RouteObject, Rule> {
  kind: RouteKind<Route, Rule>;
  route: Route;
  compiled: CompiledRoute<Rule>;
  parentRef: ParentRef;
  gateway: GatewayInTranslation;
  /** Set when the parentRef names a ListenerSet of `gateway`: the route attaches to that set's listeners only. */
  listenerSet: ListenerSetInTranslation | undefined;
}

/** The route's conditions for one parentRef naming one of our Gateways; attaches it when it is accepted. */
function parentOutcome<Route extends RouteObject, Rule>(
  { kind, route, compiled, parentRef, gateway, listenerSet }: ParentCase<Route, Rule>,
  index: SnapshotIndex,
  attachments: RouteAttachment<Rule>[],
): ParentOutcome {
  const resolvedRefs = resolvedRefsOutcome(compiled.refFailures);
  const invalid = compiled.invalidRules;
  // With every rule invalid the route is invalid as a whole: refused by each parent, attached to none.
  if (invalid.length > 0 && invalid.length === compiled.ruleCount) return { parentRef, accepted: noValidRuleOutcome(invalid), resolvedRefs };
  // Attachment depends on allowedRoutes and parentRefs only, whatever the listeners' status (the specification's
  // AttachedRoutes): a Gateway refused only because none of its listeners is valid still has routes attached to
  // them, counted there, though nothing is served. A Gateway refused for anything else takes no routes.
  if (gateway.accepted.status !== 'True' && gateway.accepted.reason !== GatewayReason.ListenersNotValid) {
    return { parentRef, accepted: rejectedOutcome(RouteReason.NoMatchingParent, `Gateway ${gateway.namespace}/${gateway.name} is not accepted (${gateway.accepted.reason})`), resolvedRefs };
  }
  if (listenerSet !== undefined && listenerSet.accepted.status !== 'True') {
    return { parentRef, accepted: rejectedOutcome(RouteReason.NoMatchingParent, `ListenerSet ${listenerSet.namespace}/${listenerSet.name} is not accepted (${listenerSet.accepted.reason})`), resolvedRefs };
  }
  // A parentRef naming the Gateway reaches its own listeners only; one naming a ListenerSet, that set's.
  const parent = listenerSet === undefined ? gateway : { kind: LISTENER_SET_KIND, namespace: listenerSet.namespace, name: listenerSet.name, listeners: listenerSet.listeners };
  const namespace = route.metadata.namespace ?? '';
  const result = attachRoute({ parentRef, route: { kind: kind.kind, namespace, hostnames: kind.hostnamesOf(route) }, gateway: parent, index });
  if (!result.attached) return { parentRef, accepted: rejectedOutcome(result.reason, result.message), resolvedRefs };
  const gatewayKey = `${gateway.namespace}/${gateway.name}`;
  const routeKey = `${kind.kind}/${objectKey(route.metadata)}`;
  for (const { listener, hostnames } of result.listeners) attachments.push({ gatewayKey, routeKey, listener, hostnames, rules: compiled.rules });
  return { parentRef, accepted: acceptedOutcome(), resolvedRefs, ...(invalid.length > 0 ? { partiallyInvalid: partiallyInvalidOutcome(invalid) } : {}) };
}

/** `<namespace>/<name>` of the ListenerSet a parentRef names, or '' when it names something else. */
function listenerSetKey(parentRef: ParentRef, routeNamespace: string): string {
  if ((parentRef.group ?? GATEWAY_API_GROUP) !== GATEWAY_API_GROUP || parentRef.kind !== LISTENER_SET_KIND) return '';
  return `${parentRef.namespace ?? routeNamespace}/${parentRef.name}`;
}

/** `<namespace>/<name>` of the Gateway a parentRef names, or '' when it names something else. */
function parentGatewayKey(parentRef: ParentRef, routeNamespace: string): string {
  if ((parentRef.group ?? GATEWAY_API_GROUP) !== GATEWAY_API_GROUP || (parentRef.kind ?? GATEWAY_KIND) !== GATEWAY_KIND) return '';
  return `${parentRef.namespace ?? routeNamespace}/${parentRef.name}`;
}
