// Compiles one HTTPRoute's rules into IR rules (one per match), resolving every backendRef once.
// The result is independent of the parent the route attaches to, so it is computed once per route.
import type { BackendIR, HttpMatchIR, RouteRuleIR } from '../../ir/gateway-ir.ts';
import { type BackendResolution, type ResolvedRefsReason, resolveBackendRef } from './backend-resolution.ts';
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
}

export function compileRoute(route: HTTPRouteObject, index: SnapshotIndex): CompiledRoute {
  const namespace = route.metadata.namespace ?? '';
  const routeInfo = { namespace, name: route.metadata.name, creationTimestamp: route.metadata.creationTimestamp ?? '' };
  const rules: CompiledRule[] = [];
  let unresolved: CompiledRoute['unresolved'];
  (route.spec.rules ?? [{}]).forEach((rule, ruleIndex) => {
    const resolutions = (rule.backendRefs ?? []).map((ref) => resolveBackendRef(ref, namespace, index));
    unresolved ??= resolutions.find((resolution) => resolution.failure)?.failure;
    const backends = backendsOf(rule, resolutions);
    matchesOf(rule).forEach((match, matchIndex) => {
      rules.push({
        rule: { id: `${namespace}/${route.metadata.name}/rule/${ruleIndex}/match/${matchIndex}`, match: toMatchIR(match), backends },
        route: routeInfo,
        ruleIndex,
        matchIndex,
      });
    });
  });
  return unresolved ? { rules, unresolved } : { rules };
}

function backendsOf(rule: HTTPRouteRule, resolutions: BackendResolution[]): BackendIR[] {
  const filters = rule.filters ?? [];
  if (filters.length > 0) {
    // The IR carries no filters: answering 500 is what the spec asks for a filter that cannot be applied.
    const types = filters.map((filter) => filter.type).join(', ');
    return [{ kind: 'invalid', name: 'filters', weight: 1, reason: `UnsupportedValue: filter types ${types} are not supported by this controller` }];
  }
  return resolutions.map((resolution) => resolution.backend);
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
