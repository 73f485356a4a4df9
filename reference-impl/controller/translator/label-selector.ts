// Kubernetes label selector semantics (matchLabels AND every matchExpression), used by
// allowedRoutes.namespaces.from=Selector. An unknown operator selects nothing rather than everything.
import type { LabelSelector } from './snapshot.ts';

export function selectorMatches(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const actual = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (actual[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((expression) => expressionMatches(expression, actual));
}

function expressionMatches(expression: { key: string; operator: string; values?: string[] }, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, expression.key);
  const value = labels[expression.key];
  const values = expression.values ?? [];
  switch (expression.operator) {
    case 'In':
      return has && value !== undefined && values.includes(value);
    case 'NotIn':
      return !has || value === undefined || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}
