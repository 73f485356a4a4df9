// A Deployment's status computed from its ReplicaSets, with the conditions and reasons the real
// deployment controller writes (Available: MinimumReplicasAvailable / MinimumReplicasUnavailable;
// Progressing: NewReplicaSetCreated, ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded,
// DeploymentPaused, DeploymentResumed). Counts that are zero are left out, as the API's omitempty does.
import { rfc3339Seconds } from '../store/rfc3339.ts';
import { carryTransitionTimes, findCondition } from './conditions.ts';
import type { Condition, DeploymentStatus, ReplicaSetStatus } from './kube-shapes.ts';

export interface DeploymentStatusInput {
  generation: number;
  desiredReplicas: number;
  maxUnavailable: number;
  progressDeadlineSeconds: number;
  newReplicaSetName: string | undefined;
  /** True when this sync created the new ReplicaSet. */
  createdNewReplicaSet: boolean;
  newReplicaSetStatus: ReplicaSetStatus | undefined;
  allReplicaSetStatuses: readonly ReplicaSetStatus[];
  previous: DeploymentStatus | undefined;
  /** spec.paused: no rollout happens, and no progress deadline runs. */
  paused?: boolean;
  collisionCount?: number;
  now: Date;
}

export function computeDeploymentStatus(input: DeploymentStatusInput): DeploymentStatus {
  const total = (pick: (s: ReplicaSetStatus) => number | undefined) =>
    input.allReplicaSetStatuses.reduce((n, s) => n + (pick(s) ?? 0), 0);
  const replicas = total((s) => s.replicas);
  const ready = total((s) => s.readyReplicas);
  const available = total((s) => s.availableReplicas);
  const updated = input.newReplicaSetStatus?.replicas ?? 0;
  const counts = { replicas, updatedReplicas: updated, readyReplicas: ready, availableReplicas: available };
  const now = rfc3339Seconds(input.now);

  const availableCondition: Condition =
    available >= input.desiredReplicas - input.maxUnavailable
      ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now)
      : condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now);
  const progressing = progressingCondition(input, counts, now);
  const previousConditions = input.previous?.conditions;
  // Progress refreshes Progressing's lastUpdateTime: the progress deadline counts from the last progress.
  const progressed = madeProgress(input.previous, counts);
  const conditions = carryTransitionTimes(previousConditions, [availableCondition, progressing]).map((c) =>
    c.type === 'Progressing' && progressed ? c : keepUpdateTimeWhenUnchanged(findCondition(previousConditions, c.type), c),
  );

  const status: DeploymentStatus = { observedGeneration: input.generation };
  if (replicas > 0) status.replicas = replicas;
  if (updated > 0) status.updatedReplicas = updated;
  if (ready > 0) status.readyReplicas = ready;
  if (available > 0) status.availableReplicas = available;
  if (input.desiredReplicas - available > 0) status.unavailableReplicas = input.desiredReplicas - available;
  status.conditions = conditions;
  if (input.collisionCount) status.collisionCount = input.collisionCount;
  return status;
}

interface Counts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

function progressingCondition(input: DeploymentStatusInput, counts: Counts, now: string): Condition {
  const name = input.newReplicaSetName ?? '';
  const desired = input.desiredReplicas;
  const previous = findCondition(input.previous?.conditions, 'Progressing');
  if (input.paused) return condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now);
  if (previous?.reason === 'DeploymentPaused') {
    return condition('Progressing', 'True', 'DeploymentResumed', 'Deployment is resumed', now);
  }
  const complete =
    input.newReplicaSetName !== undefined &&
    counts.updatedReplicas === desired &&
    counts.replicas === desired &&
    counts.availableReplicas === desired;
  if (complete) {
    return condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`, now);
  }
  if (input.createdNewReplicaSet) {
    return condition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`, now);
  }
  if (madeProgress(input.previous, counts) || previous === undefined || previous.reason === 'NewReplicaSetAvailable') {
    return condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`, now);
  }
  const lastProgress = Date.parse(previous.lastUpdateTime ?? previous.lastTransitionTime ?? now);
  if (previous.status === 'True' && input.now.getTime() - lastProgress > input.progressDeadlineSeconds * 1000) {
    return condition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`, now);
  }
  return previous;
}

/** The rollout moved since the last status: more updated/ready/available pods, or fewer pods in total. */
function madeProgress(previous: DeploymentStatus | undefined, counts: Counts): boolean {
  if (!previous) return true;
  return (
    counts.updatedReplicas > (previous.updatedReplicas ?? 0) ||
    counts.readyReplicas > (previous.readyReplicas ?? 0) ||
    counts.availableReplicas > (previous.availableReplicas ?? 0) ||
    counts.replicas < (previous.replicas ?? 0)
  );
}

function keepUpdateTimeWhenUnchanged(previous: Condition | undefined, next: Condition): Condition {
  if (previous && previous.status === next.status && previous.reason === next.reason && previous.message === next.message) {
    return { ...next, lastUpdateTime: previous.lastUpdateTime ?? next.lastUpdateTime };
  }
  return next;
}

function condition(type: string, status: Condition['status'], reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}
