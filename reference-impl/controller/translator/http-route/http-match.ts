// Compiles an HTTPRoute match into the IR, with the specification's defaults (a rule without matches, or a
// match without a path, matches every path by the prefix `/`) and its validation: a match type or method the
// specification does not define, or a regular expression the proxy cannot compile (JavaScript syntax, matched
// against the whole value), makes the rule invalid with UnsupportedValue.
import type { HttpMatchIR } from '../../../ir/gateway-ir.ts';
import { RouteReason } from '../condition-names.ts';
import type { RuleIssues } from '../rule-issues.ts';
import type { HTTPRouteMatch, HTTPRouteRule } from '../snapshot.ts';

const PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'] as const;
const VALUE_TYPES = ['Exact', 'RegularExpression'] as const;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

/** The rule's matches, or the specification's default of one match on every path. */
export function matchesOf(rule: HTTPRouteRule): HTTPRouteMatch[] {
  return rule.matches && rule.matches.length > 0 ? rule.matches : [{}];
}

export function compileMatch(match: HTTPRouteMatch, where: string, issues: RuleIssues): HttpMatchIR {
  const pathType = oneOf(match.path?.type ?? 'PathPrefix', PATH_TYPES, `${where}.path.type`, issues);
  const pathValue = match.path?.value ?? '/';
  if (pathType === 'RegularExpression') checkRegex(pathValue, `${where}.path.value`, issues);
  else if (!pathValue.startsWith('/')) issues.invalid(RouteReason.UnsupportedValue, `${where}.path.value "${pathValue}" must start with "/"`);
  if (match.method !== undefined && !METHODS.includes(match.method)) {
    issues.invalid(RouteReason.UnsupportedValue, `${where}.method "${match.method}" is not an HTTP method the specification defines (${METHODS.join(', ')})`);
  }
  const headerList = match.headers ?? [];
  const paramList = match.queryParams ?? [];
  const headers = firstByName(headerList, (name) => name.toLowerCase()).map((header) => ({
    type: valueType(header, `${where}.headers[${headerList.indexOf(header)}]`, issues),
    name: header.name.toLowerCase(),
    value: header.value,
  }));
  const queryParams = firstByName(paramList, (name) => name).map((param) => ({
    type: valueType(param, `${where}.queryParams[${paramList.indexOf(param)}]`, issues),
    name: param.name,
    value: param.value,
  }));
  return { path: { type: pathType, value: pathValue }, headers, ...(match.method ? { method: match.method } : {}), queryParams };
}

function valueType(entry: { type?: string; value: string }, where: string, issues: RuleIssues): (typeof VALUE_TYPES)[number] {
  const type = oneOf(entry.type ?? 'Exact', VALUE_TYPES, `${where}.type`, issues);
  if (type === 'RegularExpression') checkRegex(entry.value, `${where}.value`, issues);
  return type;
}

/** The value when the specification defines it; otherwise an UnsupportedValue problem and the first allowed value. */
function oneOf<const T extends string>(value: string, allowed: readonly [T, ...T[]], where: string, issues: RuleIssues): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  issues.invalid(RouteReason.UnsupportedValue, `${where} "${value}" is not supported (one of ${allowed.join(', ')})`);
  return allowed[0];
}

function checkRegex(pattern: string, where: string, issues: RuleIssues): void {
  try {
    new RegExp(pattern);
  } catch (error) {
    issues.invalid(RouteReason.UnsupportedValue, `${where} ${JSON.stringify(pattern)} is not a regular expression this implementation supports: ${(error as Error).message}`);
  }
}

/** The spec: when several entries name the same header (case-insensitive) or query param, only the first counts. */
function firstByName<T extends { name: string }>(entries: T[], normalize: (name: string) => string): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = normalize(entry.name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
