// Checks over status conditions, for awaitObject: true when satisfied, else a description of what is there.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ObjectCheck } from './await-object.ts';

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

export function conditionsOf(object: unknown): Condition[] {
  const conditions = (object as { status?: { conditions?: unknown } }).status?.conditions;
  return Array.isArray(conditions) ? (conditions as Condition[]) : [];
}

export function describeConditions(conditions: Condition[]): string {
  if (conditions.length === 0) return 'no conditions';
  return conditions.map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`).join(', ');
}

/** The condition holds with the given status (and reason, when given), observed at the object's generation. */
export function conditionIs(type: string, status: string, reason?: string): ObjectCheck {
  return (object: KubernetesObject) => {
    const conditions = conditionsOf(object);
    const found = conditions.find((c) => c.type === type);
    const generation = object.metadata?.generation;
    const current =
      found !== undefined &&
      (found.observedGeneration === undefined || generation === undefined || found.observedGeneration >= generation);
    if (current && found.status === status && (reason === undefined || found.reason === reason)) return true;
    return describeConditions(conditions);
  };
}

/** A Deployment whose desired replicas are all available at its current generation. */
export const deploymentAvailable: ObjectCheck = (object) => {
  const deployment = object as KubernetesObject & {
    spec?: { replicas?: number };
    status?: { observedGeneration?: number; availableReplicas?: number; updatedReplicas?: number };
  };
  const wanted = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  const observed = (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0);
  if (observed && (status.availableReplicas ?? 0) >= wanted && (status.updatedReplicas ?? 0) >= wanted) return true;
  return `${status.availableReplicas ?? 0}/${wanted} replicas available`;
};
