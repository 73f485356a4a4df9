// Compiles one HTTPRoute's rules into IR rules (one per match), resolving every backendRef once.
// The result is independent of the parent the route attaches to, so it is computed once per route.
// A rule this controller cannot honour (it has filters, which the IR does not carry) is invalid: the
// spec has it dropped, with the PartiallyInvalid condition, or the whole route refused when no valid
// rule is left.
import type { HttpMatchIR, RouteRuleIR } from '../../ir/gateway-ir.ts';
import { type ResolvedRefsReason, resolveBackendRef } from './backend-resolution.ts';
import type { HTTPRouteMatch, HTTPRouteObject, HTTPRouteRule } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

/** An IR rule with what the precedence order needs beyond the match itself. */
export interface CompiledRule {
  rule: RouteRuleIR;
  route: { namespace: string; name: string; creationTimestamp: string };
  ruleIndex: number;
  matchIndex: number;
}

export interface CompiledRoute {
  rules: CompiledRule[];
  /** The first backendRef that could not be resolved, for the ResolvedRefs condition. */
  unresolved?: { reason: ResolvedRefsReason; message: string };
  /** Rules left out of the IR, each with why (for PartiallyInvalid / Accepted UnsupportedValue). */
  dropped: { ruleIndex: number; message: string }[];
  /** How many rules the route has (after the spec's default of one catch-all rule). */
  ruleCount: number;
}

export function compileRoute(route: HTTPRouteObject, index: SnapshotIndex): CompiledRoute {
  const namespace = route.metadata.namespace ?? '';
  const routeInfo = { namespace, name: route.metadata.name, creationTimestamp: route.metadata.creationTimestamp ?? '' };
  const rules: CompiledRule[] = [];
  const dropped: CompiledRoute['dropped'] = [];
  let unresolved: CompiledRoute['unresolved'];
  const specRules = route.spec.rules ?? [{}];
  specRules.forEach((rule, ruleIndex) => {
    const unsupported = unsupportedFilters(rule);
    if (unsupported) {
      dropped.push({ ruleIndex, message: unsupported });
      return;
    }
    const resolutions = (rule.backendRefs ?? []).map((ref) => resolveBackendRef(ref, namespace, index));
    unresolved ??= resolutions.find((resolution) => resolution.failure)?.failure;
    const backends = resolutions.map((resolution) => resolution.backend);
    matchesOf(rule).forEach((match, matchIndex) => {
      rules.push({
        rule: { id: `${namespace}/${route.metadata.name}/rule/${ruleIndex}/match/${matchIndex}`, match: toMatchIR(match), filters: [], backends },
        route: routeInfo,
        ruleIndex,
        matchIndex,
      });
    });
  });
  const compiled = { rules, dropped, ruleCount: specRules.length };
  return unresolved ? { ...compiled, unresolved } : compiled;
}

/** Why the rule cannot be honoured, or undefined: the IR carries no filters, of the rule or of its backendRefs. */
function unsupportedFilters(rule: HTTPRouteRule): string | undefined {
  const types = [...(rule.filters ?? []), ...(rule.backendRefs ?? []).flatMap((ref) => ref.filters ?? [])].map((filter) => filterType(filter));
  if (types.length === 0) return undefined;
  return `filter types ${[...new Set(types)].join(', ')} are not supported by this controller`;
}

function filterType(filter: unknown): string {
  const type = typeof filter === 'object' && filter !== null ? (filter as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : 'unknown';
}

function matchesOf(rule: HTTPRouteRule): HTTPRouteMatch[] {
  return rule.matches && rule.matches.length > 0 ? rule.matches : [{}];
}

function toMatchIR(match: HTTPRouteMatch): HttpMatchIR {
  return {
    path: { type: match.path?.type ?? 'PathPrefix', value: match.path?.value ?? '/' },
    headers: firstByName(match.headers ?? [], (name) => name.toLowerCase()).map((header) => ({
      type: header.type ?? 'Exact',
      name: header.name.toLowerCase(),
      value: header.value,
    })),
    ...(match.method ? { method: match.method } : {}),
    queryParams: firstByName(match.queryParams ?? [], (name) => name).map((param) => ({
      type: param.type ?? 'Exact',
      name: param.name,
      value: param.value,
    })),
  };
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
