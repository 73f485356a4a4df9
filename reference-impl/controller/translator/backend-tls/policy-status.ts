// The desired status of each BackendTLSPolicy: one status.ancestors entry per Gateway of ours whose attached
// routes reach a Service the policy targets, with the policy's Accepted (Conflicted when another policy takes
// precedence) and ResolvedRefs conditions. Entries written by other controllers are kept as they are; ours are
// rebuilt each time, so a Gateway that no longer reaches the policy's Services loses its entry. A policy that
// no Gateway of ours reaches, and that has no entry of ours, is left alone.
import { PolicyConditionType, PolicyReason } from '../condition-names.ts';
import { falseCondition, settleConditions } from '../conditions.ts';
import { GATEWAY_API_GROUP, GATEWAY_KIND } from '../gateway-api-names.ts';
import type { StatusUpdate } from '../translation-result.ts';
import type { PolicyAncestorStatus } from './backend-tls-policy-object.ts';
import type { BackendTlsPolicies, PolicyEntry } from './policy-precedence.ts';
import { BACKEND_TLS_POLICY_KIND } from './policy-resolution.ts';

/** `gatewaysByService`: Service `<namespace>/<name>` -> Gateways (`<namespace>/<name>`) whose routes reach it. */
export function backendTlsPolicyStatuses(
  policies: BackendTlsPolicies,
  gatewaysByService: ReadonlyMap<string, ReadonlySet<string>>,
  context: { controllerName: string; now: string },
): StatusUpdate[] {
  const updates: StatusUpdate[] = [];
  for (const entry of policies.entries) {
    const { object } = entry.resolved;
    const stored = object.status?.ancestors ?? [];
    const gateways = [...new Set(entry.services.flatMap((service) => [...(gatewaysByService.get(service) ?? [])]))].sort();
    const ours = stored.some((ancestor) => ancestor.controllerName === context.controllerName);
    if (gateways.length === 0 && !ours) continue;
    const others = stored.filter((ancestor) => ancestor.controllerName !== context.controllerName);
    const desired = gateways.map((gatewayKey) => ancestorEntry(entry, gatewayKey, stored, context));
    updates.push({
      kind: BACKEND_TLS_POLICY_KIND,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
      status: { ...object.status, ancestors: [...others, ...desired] },
    });
  }
  return updates;
}

function ancestorEntry(entry: PolicyEntry, gatewayKey: string, stored: PolicyAncestorStatus[], context: { controllerName: string; now: string }): PolicyAncestorStatus {
  const [namespace = '', name = ''] = gatewayKey.split('/');
  const ancestorRef = { group: GATEWAY_API_GROUP, kind: GATEWAY_KIND, namespace, name };
  const previous = stored.find(
    (ancestor) => ancestor.controllerName === context.controllerName && ancestor.ancestorRef.name === name && (ancestor.ancestorRef.namespace ?? '') === namespace,
  );
  const accepted =
    entry.conflictedBy === undefined
      ? entry.resolved.accepted
      : falseCondition(PolicyConditionType.Accepted, PolicyReason.Conflicted, `BackendTLSPolicy ${entry.conflictedBy} targets the same Service and sectionName and takes precedence (older, or first by namespace/name)`);
  const conditions = settleConditions([accepted, entry.resolved.resolvedRefs], previous?.conditions, {
    generation: entry.resolved.object.metadata.generation,
    now: context.now,
  });
  return { ancestorRef, controllerName: context.controllerName, conditions };
}
