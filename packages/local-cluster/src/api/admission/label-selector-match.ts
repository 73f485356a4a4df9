// A metav1.LabelSelector (matchLabels and matchExpressions with In, NotIn, Exists, DoesNotExist) against a set
// of labels, as admission policies' namespaceSelector and objectSelector use it. An absent or empty selector
// matches everything; an operator it does not know matches nothing.

import type { LabelSelector } from './policy-objects.ts';

function expressionHolds(labels: Record<string, string>, key: string, operator: string, values: string[]): boolean {
  const present = Object.hasOwn(labels, key);
  switch (operator) {
    case 'In':
      return present && values.includes(labels[key] ?? '');
    case 'NotIn':
      return !present || !values.includes(labels[key] ?? '');
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      return false;
  }
}

export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (selector === undefined) return true;
  const have = labels ?? {};
  if (Object.entries(selector.matchLabels ?? {}).some(([key, value]) => have[key] !== value)) return false;
  return (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => expressionHolds(have, key, operator, values));
}
