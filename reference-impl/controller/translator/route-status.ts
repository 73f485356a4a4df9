// The desired status.parents of a route of any kind: entries written by other controllers are kept as they
// are; ours are rebuilt from this translation (so entries for parents no longer referenced vanish). Also the
// route conditions that follow from its compiled rules: ResolvedRefs, PartiallyInvalid, and the refusal of a
// route none of whose rules is valid.
import type { RefFailure } from './backend-resolution.ts';
import { RouteConditionType, RouteReason, type RouteRefusalReason } from './condition-names.ts';
import { type DesiredCondition, falseCondition, settleConditions, trueCondition } from './conditions.ts';
import { GATEWAY_API_GROUP, GATEWAY_KIND } from './gateway-api-names.ts';
import type { InvalidRule } from './route-kind.ts';
import type { ParentRef, RouteObject, RouteParentStatus } from './snapshot.ts';

export interface ParentOutcome {
  parentRef: ParentRef;
  accepted: DesiredCondition;
  resolvedRefs: DesiredCondition;
  /** Set when some of the route's rules are invalid while the others are served. */
  partiallyInvalid?: DesiredCondition;
}

export function routeStatus(route: RouteObject, outcomes: ParentOutcome[], context: { controllerName: string; now: string }): { parents: RouteParentStatus[] } {
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
  return trueCondition(RouteConditionType.Accepted, RouteReason.Accepted, 'the route is attached to the Gateway');
}

export function rejectedOutcome(reason: RouteRefusalReason, message: string): DesiredCondition {
  return falseCondition(RouteConditionType.Accepted, reason, message);
}

/** ResolvedRefs: False with the first failure's reason, the message naming every reference that failed. */
export function resolvedRefsOutcome(failures: RefFailure[]): DesiredCondition {
  const [first] = failures;
  if (!first) return trueCondition(RouteConditionType.ResolvedRefs, RouteReason.ResolvedRefs, 'all references are resolved');
  const messages = [...new Set(failures.map((failure) => failure.message))];
  return falseCondition(RouteConditionType.ResolvedRefs, first.reason, messages.join('; '));
}

/** A route none of whose rules is valid is refused by every parent, with the first rule's reason. */
export function noValidRuleOutcome(invalid: InvalidRule[]): DesiredCondition {
  return rejectedOutcome(invalid[0]?.reason ?? RouteReason.UnsupportedValue, `no valid rule: ${describeInvalidRules(invalid)}`);
}

/**
 * The specification's wording: the message starts with "Dropped Rule" and says which rules were dropped. Their
 * configuration is not programmed; requests they match are answered 500 rather than falling through to
 * another rule (see http-route/http-rule-compiler.ts).
 */
export function partiallyInvalidOutcome(invalid: InvalidRule[]): DesiredCondition {
  return trueCondition(RouteConditionType.PartiallyInvalid, RouteReason.UnsupportedValue, `Dropped ${describeInvalidRules(invalid)}`);
}

function describeInvalidRules(invalid: InvalidRule[]): string {
  return `Rule ${invalid.map((rule) => `${rule.ruleIndex} (${rule.reason}: ${rule.message})`).join('; ')}`;
}

function sameParentRef(a: ParentRef, b: ParentRef): boolean {
  return (
    (a.group ?? GATEWAY_API_GROUP) === (b.group ?? GATEWAY_API_GROUP) &&
    (a.kind ?? GATEWAY_KIND) === (b.kind ?? GATEWAY_KIND) &&
    (a.namespace ?? '') === (b.namespace ?? '') &&
    a.name === b.name &&
    (a.sectionName ?? '') === (b.sectionName ?? '') &&
    (a.port ?? 0) === (b.port ?? 0)
  );
}
