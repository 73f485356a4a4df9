// One step of a Deployment's rolling update, as a pure function of the ReplicaSets' counts: how far the
// new ReplicaSet may grow (bounded by maxSurge) and how far the old ones may shrink (bounded by
// maxUnavailable, counting only available pods). The controller applies a step, waits for pods to
// become available, and runs the next step, until the new ReplicaSet holds every replica.
import type { IntOrString } from './kube-shapes.ts';

export interface ReplicaSetCounts {
  name: string;
  /** spec.replicas */
  replicas: number;
  /** status.availableReplicas */
  available: number;
}

export interface RollingParameters {
  maxSurge: number;
  maxUnavailable: number;
}

/** Kubernetes' defaults: 25% each; surge rounds up, unavailable rounds down; both 0 would deadlock, so 1 unavailable. */
export function resolveRollingParameters(
  replicas: number,
  maxSurge: IntOrString | undefined = '25%',
  maxUnavailable: IntOrString | undefined = '25%',
): RollingParameters {
  const surge = scaledValue(maxSurge, replicas, Math.ceil);
  const unavailable = Math.min(scaledValue(maxUnavailable, replicas, Math.floor), replicas);
  if (surge === 0 && unavailable === 0) return { maxSurge: 0, maxUnavailable: 1 };
  return { maxSurge: surge, maxUnavailable: unavailable };
}

function scaledValue(value: IntOrString, total: number, round: (n: number) => number): number {
  if (typeof value === 'number') return Math.max(0, Math.trunc(value));
  const percent = /^(\d+)%$/.exec(value.trim());
  if (percent) return round((Number(percent[1]) * total) / 100);
  const asNumber = Number(value);
  return Number.isInteger(asNumber) && asNumber >= 0 ? asNumber : 0;
}

const sum = (counts: readonly ReplicaSetCounts[], pick: (c: ReplicaSetCounts) => number) =>
  counts.reduce((total, c) => total + pick(c), 0);

/** The new ReplicaSet's next spec.replicas. */
export function planNewReplicaSetScale(
  desired: number,
  parameters: RollingParameters,
  newReplicaSet: ReplicaSetCounts,
  oldReplicaSets: readonly ReplicaSetCounts[],
): number {
  if (newReplicaSet.replicas > desired) return desired;
  const current = newReplicaSet.replicas + sum(oldReplicaSets, (c) => c.replicas);
  const maxTotal = desired + parameters.maxSurge;
  if (current >= maxTotal) return newReplicaSet.replicas;
  return newReplicaSet.replicas + Math.min(maxTotal - current, desired - newReplicaSet.replicas);
}

/**
 * The old ReplicaSets' next spec.replicas (by name; oldest first in `oldReplicaSets`). Unhealthy old
 * pods go first (they do not count towards availability), then healthy ones while enough stay available.
 */
export function planOldReplicaSetsScale(
  desired: number,
  parameters: RollingParameters,
  newReplicaSet: ReplicaSetCounts,
  oldReplicaSets: readonly ReplicaSetCounts[],
): Map<string, number> {
  const next = new Map(oldReplicaSets.map((c) => [c.name, c.replicas]));
  if (sum(oldReplicaSets, (c) => c.replicas) === 0) return next;
  const minAvailable = desired - parameters.maxUnavailable;
  const newUnavailable = Math.max(0, newReplicaSet.replicas - newReplicaSet.available);
  const allPods = newReplicaSet.replicas + sum(oldReplicaSets, (c) => c.replicas);
  const maxCleanup = allPods - minAvailable - newUnavailable;
  if (maxCleanup <= 0) return next;

  let cleaned = 0;
  for (const old of oldReplicaSets) {
    if (cleaned >= maxCleanup) break;
    const unhealthy = Math.max(0, old.replicas - old.available);
    const count = Math.min(maxCleanup - cleaned, unhealthy);
    next.set(old.name, old.replicas - count);
    cleaned += count;
  }

  const available = newReplicaSet.available + sum(oldReplicaSets, (c) => Math.min(c.available, next.get(c.name) ?? 0));
  const maxScaleDown = available - minAvailable;
  let scaledDown = 0;
  for (const old of oldReplicaSets) {
    if (scaledDown >= maxScaleDown) break;
    const replicas = next.get(old.name) ?? 0;
    const count = Math.min(replicas, maxScaleDown - scaledDown);
    next.set(old.name, replicas - count);
    scaledDown += count;
  }
  return next;
}
