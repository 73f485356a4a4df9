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

export interface ConditionWanted {
  type: string;
  status: string;
  /** Absent: any reason. */
  reason?: string;
}

/**
 * Undefined when `conditions` hold `want` observed at `generation` (or later), else what differs, as
 * "expected Accepted=False (BackendNotFound), got Accepted=True (Accepted): <message>".
 */
export function conditionMismatch(conditions: Condition[], want: ConditionWanted, generation: number | undefined): string | undefined {
  const difference = conditionDifference(conditions, want, generation);
  return difference && `expected ${difference.expected}, got ${difference.actual}`;
}

/** The same judgement as conditionMismatch, as the two sides apart (for reports that show them side by side). */
export function conditionDifference(conditions: Condition[], want: ConditionWanted, generation: number | undefined): { expected: string; actual: string } | undefined {
  const expected = `${want.type}=${want.status}${want.reason ? ` (${want.reason})` : ''}`;
  const got = conditions.find((condition) => condition.type === want.type);
  if (!got) return { expected, actual: `no ${want.type} condition` };
  const stale = generation !== undefined && got.observedGeneration !== undefined && got.observedGeneration < generation;
  const matches = got.status === want.status && (want.reason === undefined || got.reason === want.reason);
  if (matches && !stale) return undefined;
  const gotText = `${got.type}=${got.status}${got.reason ? ` (${got.reason})` : ''}${stale ? ` observed at generation ${got.observedGeneration} < ${generation}` : ''}`;
  return { expected, actual: `${gotText}${got.message ? `: ${got.message}` : ''}` };
}

/** The condition holds with the given status (and reason, when given), observed at the object's generation. */
export function conditionIs(type: string, status: string, reason?: string): ObjectCheck {
  return (object: KubernetesObject) =>
    conditionMismatch(conditionsOf(object), { type, status, ...(reason === undefined ? {} : { reason }) }, object.metadata?.generation) ?? true;
}

/** The parts of a Deployment its availability is read from. */
export type DeploymentShape = KubernetesObject & {
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; availableReplicas?: number; updatedReplicas?: number };
};

/** Why a Deployment is not fully available yet (every wanted replica updated and available, for the spec its controller has seen); undefined once it is. */
export function deploymentUnavailability(deployment: DeploymentShape): string | undefined {
  const wanted = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  if ((status.observedGeneration ?? 0) < (deployment.metadata?.generation ?? 0)) return 'its controller has not seen the latest spec yet';
  const available = status.availableReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (available < wanted || updated < wanted) return `${available} of ${wanted} replicas available, ${updated} updated`;
  return undefined;
}

/** A Deployment whose desired replicas are all available at its current generation. */
export const deploymentAvailable: ObjectCheck = (object) => deploymentUnavailability(object) ?? true;
