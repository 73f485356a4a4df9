// Label selector matching as the controllers use it: a Deployment's or ReplicaSet's LabelSelector
// (matchLabels + matchExpressions) and a Service's plain equality map.
import type { LabelSelector, LabelSelectorRequirement } from './kube-shapes.ts';

/** A LabelSelector with no terms selects nothing here: Kubernetes rejects empty workload selectors. */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  const matchLabels = Object.entries(selector?.matchLabels ?? {});
  const expressions = selector?.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  return matchLabels.every(([key, value]) => labels[key] === value) && expressions.every((e) => matchesRequirement(e, labels));
}

function matchesRequirement(requirement: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const value = labels[requirement.key];
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

/** A Service selector: every key must match. An empty selector matches nothing (no managed endpoints). */
export function matchesServiceSelector(selector: Record<string, string>, labels: Record<string, string> = {}): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}
