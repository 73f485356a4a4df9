// How a LoadBalancer Service learns what became of the address it asked for: a condition in its
// status.conditions, next to the Warning Event a human reads in `kubectl describe`. Events are best effort (they
// are deduplicated, expire after an hour and may be dropped), so a controller that must act on the answer
// (a Gateway controller telling AddressNotUsable from pending) reads the condition, as Cilium's LB IPAM
// lets controllers read its request-satisfied condition. Only a Service that names an address carries it.
import { carryTransitionTimes } from './conditions.ts';
import type { Condition, Service } from './kube-shapes.ts';
import type { AddressRefusalReason } from './requested-address.ts';

/** Domain-qualified, as Kubernetes asks of condition types that are not the API's own. */
export const REQUESTED_ADDRESS_CONDITION = 'local-cluster.gauntlet.dev/RequestedAddressAssigned';

export type RequestedAddressOutcome = { assigned: string } | { refused: { reason: AddressRefusalReason; message: string } };

/** The Service's conditions with this one set to `outcome`, or removed when the Service asks for no address. */
export function withRequestedAddressCondition(service: Service, outcome: RequestedAddressOutcome | undefined, now: string): Condition[] | undefined {
  const previous = service.status?.conditions;
  const others = (previous ?? []).filter((condition) => condition.type !== REQUESTED_ADDRESS_CONDITION);
  if (!outcome) return others.length > 0 ? others : undefined;
  const condition: Condition =
    'assigned' in outcome
      ? { type: REQUESTED_ADDRESS_CONDITION, status: 'True', reason: 'Assigned', message: `${outcome.assigned} is assigned`, lastTransitionTime: now }
      : { type: REQUESTED_ADDRESS_CONDITION, status: 'False', reason: outcome.refused.reason, message: outcome.refused.message, lastTransitionTime: now };
  return [...others, ...carryTransitionTimes(previous, [condition])];
}
