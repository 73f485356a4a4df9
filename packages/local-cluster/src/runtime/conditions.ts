// Status conditions as controllers keep them: lastTransitionTime moves only when status flips, so
// clients can tell how long a condition has held.
import type { Condition } from './kube-shapes.ts';

/** `next` with each condition's lastTransitionTime taken from `previous` when its status did not change. */
export function carryTransitionTimes(previous: readonly Condition[] | undefined, next: Condition[]): Condition[] {
  return next.map((condition) => {
    const before = previous?.find((c) => c.type === condition.type);
    if (before && before.status === condition.status && before.lastTransitionTime) {
      return { ...condition, lastTransitionTime: before.lastTransitionTime };
    }
    return condition;
  });
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

