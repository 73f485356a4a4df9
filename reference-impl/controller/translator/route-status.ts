// The desired status.parents of an HTTPRoute: entries written by other controllers are kept as they
// are; ours are rebuilt from this translation (so entries for parents no longer referenced vanish).
import { type DesiredCondition, falseCondition, settleConditions, trueCondition } from './conditions.ts';
import { GATEWAY_API_GROUP } from './gateway-api-names.ts';
import type { HTTPRouteObject, ParentRef, RouteParentStatus } from './snapshot.ts';

export interface ParentOutcome {
  parentRef: ParentRef;
  accepted: DesiredCondition;
  resolvedRefs: DesiredCondition;
  /** Set when some of the route's rules were dropped while the others are served. */
  partiallyInvalid?: DesiredCondition;
}

export function routeStatus(
  route: HTTPRouteObject,
  outcomes: ParentOutcome[],
  context: { controllerName: string; now: string },
): { parents: RouteParentStatus[] } {
  const stored = route.status?.parents ?? [];
  const others = stored.filter((entry) => entry.controllerName !== context.controllerName);
  const ours = outcomes.map((outcome) => {
    const previous = stored.find((entry) => entry.controllerName === context.controllerName && sameParentRef(entry.parentRef, outcome.parentRef));
    return {
      parentRef: outcome.parentRef,
      controllerName: context.controllerName,
      conditions: settleConditions([outcome.accepted, outcome.resolvedRefs, ...(outcome.partiallyInvalid ? [outcome.partiallyInvalid] : [])], previous?.conditions, {
        generation: route.metadata.generation,
        now: context.now,
      }),
    };
  });
  return { parents: [...others, ...ours] };
}

export function acceptedOutcome(): DesiredCondition {
  return trueCondition('Accepted', 'Accepted', 'the route is attached to the Gateway');
}

export function rejectedOutcome(reason: string, message: string): DesiredCondition {
  return falseCondition('Accepted', reason, message);
}

export function resolvedRefsOutcome(unresolved: { reason: string; message: string } | undefined): DesiredCondition {
  if (!unresolved) return trueCondition('ResolvedRefs', 'ResolvedRefs', 'all backend references are resolved');
  return falseCondition('ResolvedRefs', unresolved.reason, unresolved.message);
}

/** The spec's wording: the message starts with "Dropped Rule" and says which rules were dropped. */
export function droppedRulesMessage(dropped: { ruleIndex: number; message: string }[]): string {
  return `Dropped Rule ${dropped.map((rule) => `${rule.ruleIndex} (${rule.message})`).join('; ')}`;
}

export function partiallyInvalidOutcome(dropped: { ruleIndex: number; message: string }[]): DesiredCondition {
  return trueCondition('PartiallyInvalid', 'UnsupportedValue', droppedRulesMessage(dropped));
}

function sameParentRef(a: ParentRef, b: ParentRef): boolean {
  return (
    (a.group ?? GATEWAY_API_GROUP) === (b.group ?? GATEWAY_API_GROUP) &&
    (a.kind ?? 'Gateway') === (b.kind ?? 'Gateway') &&
    (a.namespace ?? '') === (b.namespace ?? '') &&
    a.name === b.name &&
    (a.sectionName ?? '') === (b.sectionName ?? '') &&
    (a.port ?? 0) === (b.port ?? 0)
  );
}
