// The pure translation from a cluster snapshot to IR, desired statuses and infrastructure intents.
// No I/O and no clock: the same snapshot always yields the same result.
import type { GatewayIR } from '../../ir/gateway-ir.ts';
import type { DesiredCondition } from './conditions.ts';
import { GATEWAY_API_GROUP } from './gateway-api-names.ts';
import { gatewayClassRefusal, gatewayClassStatus } from './gateway-class-status.ts';
import { type AttachedRoute, buildGatewayIR } from './gateway-ir-builder.ts';
import { acceptedCondition, gatewayStatus } from './gateway-status.ts';
import { type ValidatedListener, validateListeners } from './listener-validation.ts';
import { attachRoute } from './route-attachment.ts';
import { compileRoute } from './route-rules.ts';
import {
  acceptedOutcome,
  droppedRulesMessage,
  type ParentOutcome,
  partiallyInvalidOutcome,
  rejectedOutcome,
  resolvedRefsOutcome,
  routeStatus,
} from './route-status.ts';
import { type ClusterSnapshot, type GatewayObject, type HTTPRouteObject, objectKey, type ParentRef } from './snapshot.ts';
import { indexSnapshot, type SnapshotIndex } from './snapshot-index.ts';
import type { InfraIntent, StatusUpdate, TranslateOptions, TranslationResult } from './translation-result.ts';

interface GatewayInTranslation {
  object: GatewayObject;
  namespace: string;
  name: string;
  listeners: ValidatedListener[];
  acceptance: DesiredCondition;
  accepted: boolean;
  attached: AttachedRoute[];
  /** Listener name -> keys of the routes attached to it (a route counts once however many parentRefs select it). */
  attachedRoutes: Map<string, Set<string>>;
}

export function translate(snapshot: ClusterSnapshot, options: TranslateOptions): TranslationResult {
  const statuses: StatusUpdate[] = [];
  /** Our classes by name, each with why it is refused (undefined when accepted). */
  const ourClasses = new Map<string, string | undefined>();
  for (const gatewayClass of snapshot.gatewayClasses) {
    if (gatewayClass.spec.controllerName !== options.controllerName) continue;
    ourClasses.set(gatewayClass.metadata.name, gatewayClassRefusal(gatewayClass));
    statuses.push({ kind: 'GatewayClass', name: gatewayClass.metadata.name, status: { ...gatewayClass.status, ...gatewayClassStatus(gatewayClass, snapshot.gatewayApiCrds, snapshot.now) } });
  }

  const gateways = new Map<string, GatewayInTranslation>();
  for (const object of snapshot.gateways) {
    if (!ourClasses.has(object.spec.gatewayClassName)) continue;
    const listeners = validateListeners(object.spec.listeners ?? []);
    const acceptance = acceptedCondition(object, listeners, ourClasses.get(object.spec.gatewayClassName));
    gateways.set(objectKey(object.metadata), {
      object,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
      listeners,
      acceptance,
      accepted: acceptance.status === 'True',
      attached: [],
      attachedRoutes: new Map(),
    });
  }

  const index = indexSnapshot(snapshot);
  for (const route of snapshot.httpRoutes) {
    const update = translateRoute(route, gateways, index, { controllerName: options.controllerName, now: snapshot.now });
    if (update) statuses.push(update);
  }

  const irs = new Map<string, GatewayIR>();
  const infra: InfraIntent[] = [];
  for (const [key, gateway] of gateways) {
    const infraState = snapshot.infra.get(key);
    statuses.push({
      kind: 'Gateway',
      namespace: gateway.namespace,
      name: gateway.name,
      status: { ...gatewayStatus({ gateway: gateway.object, accepted: gateway.acceptance, listeners: gateway.listeners, attachedRoutes: routeCounts(gateway.attachedRoutes), infra: infraState, now: snapshot.now }) },
    });
    if (!gateway.accepted) continue;
    irs.set(key, buildGatewayIR(gateway, gateway.listeners, gateway.attached));
    infra.push({
      gateway: { namespace: gateway.namespace, name: gateway.name, uid: gateway.object.metadata.uid ?? '' },
      ports: [...new Set(gateway.listeners.map((listener) => listener.spec.port))].sort((a, b) => a - b),
    });
  }
  return { gateways: irs, statuses, infra };
}

/** Attaches one route to each of our Gateways it names; undefined when it concerns none of them. */
function translateRoute(
  route: HTTPRouteObject,
  gateways: Map<string, GatewayInTranslation>,
  index: SnapshotIndex,
  context: { controllerName: string; now: string },
): StatusUpdate | undefined {
  const namespace = route.metadata.namespace ?? '';
  const compiled = compileRoute(route, index);
  const resolvedRefs = resolvedRefsOutcome(compiled.unresolved);
  // With every rule dropped the route is invalid as a whole: refused by each parent, attached to none.
  const allDropped = compiled.dropped.length > 0 && compiled.dropped.length === compiled.ruleCount;
  const partiallyInvalid = compiled.dropped.length > 0 && !allDropped ? partiallyInvalidOutcome(compiled.dropped) : undefined;
  const outcomes: ParentOutcome[] = [];
  for (const parentRef of route.spec.parentRefs ?? []) {
    const gateway = gateways.get(parentGatewayKey(parentRef, namespace));
    if (!gateway) continue;
    const accepted = allDropped
      ? rejectedOutcome('UnsupportedValue', `no valid rule: ${droppedRulesMessage(compiled.dropped)}`)
      : attachToGateway(route, parentRef, gateway, compiled.rules, index);
    outcomes.push({ parentRef, accepted, resolvedRefs, ...(partiallyInvalid && accepted.status === 'True' ? { partiallyInvalid } : {}) });
  }
  const hasOurEntries = (route.status?.parents ?? []).some((entry) => entry.controllerName === context.controllerName);
  if (outcomes.length === 0 && !hasOurEntries) return undefined;
  return { kind: 'HTTPRoute', namespace, name: route.metadata.name, status: { ...route.status, ...routeStatus(route, outcomes, context) } };
}

function attachToGateway(
  route: HTTPRouteObject,
  parentRef: ParentRef,
  gateway: GatewayInTranslation,
  rules: AttachedRoute['rules'],
  index: SnapshotIndex,
): ReturnType<typeof acceptedOutcome> {
  if (!gateway.accepted) {
    return rejectedOutcome('NoMatchingParent', `Gateway ${gateway.namespace}/${gateway.name} is not accepted (no valid listener)`);
  }
  const result = attachRoute({
    parentRef,
    route: { namespace: route.metadata.namespace ?? '', hostnames: route.spec.hostnames },
    gateway,
    index,
  });
  if (!result.attached) return rejectedOutcome(result.reason, result.message);
  for (const { listener, hostnames } of result.listeners) {
    gateway.attached.push({ listener, hostnames, rules });
    let routes = gateway.attachedRoutes.get(listener.spec.name);
    if (!routes) {
      routes = new Set();
      gateway.attachedRoutes.set(listener.spec.name, routes);
    }
    routes.add(objectKey(route.metadata));
  }
  return acceptedOutcome();
}

function routeCounts(attached: Map<string, Set<string>>): Map<string, number> {
  return new Map([...attached].map(([listener, routes]) => [listener, routes.size]));
}

/** `<namespace>/<name>` of the Gateway a parentRef names, or '' when it names something else. */
function parentGatewayKey(parentRef: ParentRef, routeNamespace: string): string {
  if ((parentRef.group ?? GATEWAY_API_GROUP) !== GATEWAY_API_GROUP || (parentRef.kind ?? 'Gateway') !== 'Gateway') return '';
  return `${parentRef.namespace ?? routeNamespace}/${parentRef.name}`;
}
