// Builds conditions the way Kubernetes expects them: observedGeneration on each, and
// lastTransitionTime carried over from the stored condition when its status did not change.
// Types and reasons come from condition-names.ts; a string that is no known type or reason does not type-check.
import type { ConditionReason, ConditionType } from './condition-names.ts';
import type { Condition } from './snapshot.ts';

export interface DesiredCondition {
  type: ConditionType;
  status: 'True' | 'False' | 'Unknown';
  reason: ConditionReason;
  message: string;
}

export function settleConditions(
  desired: DesiredCondition[],
  stored: Condition[] | undefined,
  context: { generation: number | undefined; now: string },
): Condition[] {
  return desired.map((condition) => {
    const previous = stored?.find((candidate) => candidate.type === condition.type);
    const lastTransitionTime =
      previous && previous.status === condition.status && previous.lastTransitionTime ? previous.lastTransitionTime : context.now;
    return {
      type: condition.type,
      status: condition.status,
      reason: condition.reason,
      message: condition.message,
      ...(context.generation === undefined ? {} : { observedGeneration: context.generation }),
      lastTransitionTime,
    };
  });
}

export function trueCondition(type: ConditionType, reason: ConditionReason, message: string): DesiredCondition {
  return { type, status: 'True', reason, message };
}

export function falseCondition(type: ConditionType, reason: ConditionReason, message: string): DesiredCondition {
  return { type, status: 'False', reason, message };
}
