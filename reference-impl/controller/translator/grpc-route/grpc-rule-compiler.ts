// Compiles one GRPCRoute's rules into IR rules (one per match), once per route, as the HTTPRoute compiler does
// and with the same outcomes: a served rule; a rule answering with the proxy's failure (an ExtensionRef filter
// that cannot be resolved, or an invalid filter), which a gRPC client receives as UNAVAILABLE; or, with an
// invalid match, no IR rule at all. Only the filters the GRPCRoute API defines are accepted. Every backend is
// spoken to in HTTP/2 (gRPC needs HTTP/2 whatever the Service port's appProtocol says): over TLS with ALPN h2 when a
// BackendTLSPolicy targets its port, else without TLS (h2c).
import type { BackendIR, RouteRuleIR } from '../../../ir/gateway-ir.ts';
import { RouteReason } from '../condition-names.ts';
import { compileBackendRefs } from '../http-route/http-backend-refs.ts';
import { compileFilters } from '../http-route/http-filters.ts';
import type { CompiledRule } from '../http-route/http-rule-compiler.ts';
import type { CompiledRoute, InvalidRule } from '../route-kind.ts';
import { GRPC_ROUTE } from '../route-kind-catalog.ts';
import { RuleIssues } from '../rule-issues.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';
import { type CompiledGrpcMatch, compileGrpcMatch } from './grpc-match.ts';
import type { GRPCRouteFilter, GRPCRouteObject, GRPCRouteRule } from './grpc-route-object.ts';

export const GRPC_FILTER_TYPES = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef'];

export function compileGrpcRoute(route: GRPCRouteObject, index: SnapshotIndex): CompiledRoute<CompiledRule> {
  const namespace = route.metadata.namespace ?? '';
  const routeInfo = { namespace, name: route.metadata.name, creationTimestamp: route.metadata.creationTimestamp ?? '' };
  const specRules = route.spec.rules ?? [{}];
  const compiled: CompiledRoute<CompiledRule> = { rules: [], refFailures: [], invalidRules: [], ruleCount: specRules.length };
  specRules.forEach((rule, ruleIndex) => {
    const issues = new RuleIssues();
    const { matches, irRule } = compileRule(rule, `rules[${ruleIndex}]`, { namespace, index, issues });
    compiled.refFailures.push(...issues.refFailures);
    const [problem] = issues.problems;
    const invalid: InvalidRule | undefined = problem && { ruleIndex, reason: problem.reason, message: issues.problems.map((entry) => entry.message).join('; ') };
    if (invalid) compiled.invalidRules.push(invalid);
    // An invalid match leaves nothing to match calls with: the rule is left out.
    if (invalid && matches.length === 0) return;
    matches.forEach((match, matchIndex) => {
      const id = `${namespace}/${route.metadata.name}/rule/${ruleIndex}/match/${matchIndex}`;
      const failure = invalid ? `${invalid.reason}: ${invalid.message}` : irRule.unresolved ? `${irRule.unresolved.reason}: ${irRule.unresolved.message}` : undefined;
      const served: RouteRuleIR = failure
        ? { id, match: match.match, filters: [], backends: [], failure: { reason: failure } }
        : { id, match: match.match, filters: irRule.filters, backends: irRule.backends };
      compiled.rules.push({ rule: served, route: routeInfo, ruleIndex, matchIndex, grpcRank: match.rank });
    });
  });
  return compiled;
}

interface RuleContext {
  namespace: string;
  index: SnapshotIndex;
  issues: RuleIssues;
}

function compileRule(rule: GRPCRouteRule, where: string, context: RuleContext) {
  const { issues } = context;
  const specMatches = rule.matches && rule.matches.length > 0 ? rule.matches : [{}];
  const matches: CompiledGrpcMatch[] = specMatches.map((match, matchIndex) => compileGrpcMatch(match, `${where}.matches[${matchIndex}]`, issues));
  const matchesValid = issues.problems.length === 0;
  const shared = { referrer: { kind: GRPC_ROUTE.kind, namespace: context.namespace }, index: context.index, issues, matches: matches.map((match) => match.asHttp) };
  const filters = compileFilters(grpcFilters(rule.filters ?? [], `${where}.filters`, issues), { ...shared, where: `${where}.filters` });
  const refs = (rule.backendRefs ?? []).map((ref) => ({ ...ref, filters: grpcFilters(ref.filters ?? [], `${where}.backendRefs.filters`, issues) }));
  const backends = compileBackendRefs(refs, { ...shared, where }).map(overHttp2);
  return { matches: matchesValid ? matches : [], irRule: { filters: filters.filters, backends, unresolved: filters.unresolved } };
}

/** The filters GRPCRoute defines; any other type makes the rule invalid (the CRD refuses them, the translator does not trust it). */
function grpcFilters(filters: GRPCRouteFilter[], where: string, issues: RuleIssues): GRPCRouteFilter[] {
  return filters.filter((filter, index) => {
    if (GRPC_FILTER_TYPES.includes(filter.type)) return true;
    issues.invalid(RouteReason.UnsupportedValue, `${where}[${index}]: filter type "${filter.type}" is not one GRPCRoute allows (${GRPC_FILTER_TYPES.join(', ')})`);
    return false;
  });
}

/** A GRPCRoute backend is spoken to in HTTP/2: over TLS (h2) when a BackendTLSPolicy targets its port, else h2c. */
function overHttp2(backend: BackendIR): BackendIR {
  if (backend.kind === 'invalid') return backend;
  return { ...backend, protocol: backend.tls === undefined ? 'h2c' : 'h2' };
}
