// Which BackendTLSPolicy applies to which Service port. A policy targets a Service (group "", kind Service) as a
// whole or one of its ports by name (sectionName); a port takes the policy naming it, else one naming the whole
// Service. When several policies select the same Service and sectionName, the specification's precedence picks
// one: the older by creationTimestamp, then the first by namespace/name; the others are Conflicted (their
// Accepted condition is False) and apply nowhere.
import { CORE_GROUP, SERVICE_KIND } from '../gateway-api-names.ts';
import { objectKey } from '../snapshot.ts';
import type { BackendTLSPolicyObject, PolicyTargetReference } from './backend-tls-policy-object.ts';
import type { ResolvedPolicy } from './policy-resolution.ts';

export interface PolicyEntry {
  resolved: ResolvedPolicy;
  /** `<namespace>/<name>` of the policy that takes precedence on one of this policy's targets. */
  conflictedBy?: string;
  /** `<namespace>/<name>` of every Service this policy targets. */
  services: string[];
}

export interface BackendTlsPolicies {
  /** The winning policy for a Service port (`serviceKey` is `<namespace>/<name>`); undefined: the proxy speaks cleartext. */
  forServicePort(serviceKey: string, portName: string): ResolvedPolicy | undefined;
  /** Every policy, in namespace/name order. */
  readonly entries: readonly PolicyEntry[];
}

/** `resolve` makes each policy's own outcome (policy-resolution.ts); kept apart so tests may pass their own. */
export function indexBackendTlsPolicies(policies: readonly BackendTLSPolicyObject[], resolve: (policy: BackendTLSPolicyObject) => ResolvedPolicy): BackendTlsPolicies {
  const ordered = [...policies].sort(comparePrecedence);
  const winners = new Map<string, ResolvedPolicy>();
  const entries = new Map<string, PolicyEntry>();
  for (const object of ordered) {
    const resolved = resolve(object);
    const entry: PolicyEntry = { resolved, services: [] };
    entries.set(resolved.key, entry);
    const namespace = object.metadata.namespace ?? '';
    for (const target of object.spec.targetRefs ?? []) {
      if (!isServiceTarget(target)) continue;
      const serviceKey = `${namespace}/${target.name}`;
      if (!entry.services.includes(serviceKey)) entry.services.push(serviceKey);
      const slot = `${serviceKey}#${target.sectionName ?? ''}`;
      const winner = winners.get(slot);
      if (winner === undefined) winners.set(slot, resolved);
      else if (winner !== resolved) entry.conflictedBy ??= winner.key;
    }
  }
  // A policy that loses on any of its targets applies on none: it is not accepted as a whole.
  for (const [slot, winner] of winners) if (entries.get(winner.key)?.conflictedBy !== undefined) winners.delete(slot);
  return {
    forServicePort: (serviceKey, portName) => (portName === '' ? undefined : winners.get(`${serviceKey}#${portName}`)) ?? winners.get(`${serviceKey}#`),
    entries: [...entries.values()].sort((a, b) => (a.resolved.key < b.resolved.key ? -1 : Number(a.resolved.key > b.resolved.key))),
  };
}

function isServiceTarget(target: PolicyTargetReference): boolean {
  return (target.group === CORE_GROUP || target.group === 'core') && target.kind === SERVICE_KIND;
}

/** Older first; equal timestamps (second precision) by namespace/name. */
function comparePrecedence(a: BackendTLSPolicyObject, b: BackendTLSPolicyObject): number {
  const byAge = (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '');
  if (byAge !== 0) return byAge;
  const [keyA, keyB] = [objectKey(a.metadata), objectKey(b.metadata)];
  return keyA < keyB ? -1 : Number(keyA > keyB);
}
