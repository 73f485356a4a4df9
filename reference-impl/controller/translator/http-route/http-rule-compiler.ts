// Compiles one HTTPRoute's rules into IR rules (one per match), once per route, independent of the parents it
// attaches to. Each rule becomes one of:
// - served: its filters, its backends (each with its own filters), timeouts and retry go into the IR;
// - answering 500 (the IR's `failure`) when a filter of the rule cannot be resolved (an ExtensionRef) or the
//   rule is invalid (a filter, a combination of filters, a timeout or retry the specification does not
//   allow). The specification forbids skipping a filter; answering 500 also keeps the rule's requests from
//   falling through to another rule that would serve them without it. The route's status says why.
// - left out of the IR when one of its matches is invalid: there is nothing left to match requests with.
import type { RouteRuleIR } from '../../../ir/gateway-ir.ts';
import type { RefFailure } from '../backend-resolution.ts';
import type { GrpcMatchRank } from '../grpc-route/grpc-match.ts';
import type { CompiledRoute, InvalidRule } from '../route-kind.ts';
import { HTTP_ROUTE } from '../route-kind-catalog.ts';
import { RuleIssues } from '../rule-issues.ts';
import type { HTTPRouteObject, HTTPRouteRule } from '../snapshot.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';
import { compileBackendRefs } from './http-backend-refs.ts';
import { compileFilters } from './http-filters.ts';
import { compileMatch, matchesOf } from './http-match.ts';
import { compileRetry, compileTimeouts } from './timeouts-and-retry.ts';

/** An IR rule with what the precedence order needs beyond the match itself. */
export interface CompiledRule {
  rule: RouteRuleIR;
  route: { namespace: string; name: string; creationTimestamp: string };
  ruleIndex: number;
  matchIndex: number;
  /** Set on GRPCRoute rules, which rank by the GRPCRoute precedence (route-precedence.ts). */
  grpcRank?: GrpcMatchRank;
}

export function compileHttpRoute(route: HTTPRouteObject, index: SnapshotIndex): CompiledRoute<CompiledRule> {
  const namespace = route.metadata.namespace ?? '';
  const routeInfo = { namespace, name: route.metadata.name, creationTimestamp: route.metadata.creationTimestamp ?? '' };
  const specRules = route.spec.rules ?? [{}];
  const compiled: CompiledRoute<CompiledRule> = { rules: [], refFailures: [], invalidRules: [], ruleCount: specRules.length };
  specRules.forEach((rule, ruleIndex) => {
    const issues = new RuleIssues();
    const { irRules, unresolved } = compileRule(rule, `rules[${ruleIndex}]`, { referrer: { kind: HTTP_ROUTE.kind, namespace }, index, issues });
    compiled.refFailures.push(...issues.refFailures);
    const invalid = invalidRule(ruleIndex, issues);
    if (invalid) compiled.invalidRules.push(invalid);
    irRules.forEach((irRule, matchIndex) => {
      const id = `${namespace}/${route.metadata.name}/rule/${ruleIndex}/match/${matchIndex}`;
      const failure = invalid ? `${invalid.reason}: ${invalid.message}` : unresolved ? `${unresolved.reason}: ${unresolved.message}` : undefined;
      const served: RouteRuleIR = failure ? { id, match: irRule.match, filters: [], backends: [], failure: { reason: failure } } : { id, ...irRule };
      compiled.rules.push({ rule: served, route: routeInfo, ruleIndex, matchIndex });
    });
  });
  return compiled;
}

interface RuleContext {
  referrer: { kind: string; namespace: string };
  index: SnapshotIndex;
  issues: RuleIssues;
}

/** The rule's IR, one entry per match (none when a match is invalid), before ids and failures are set. */
function compileRule(rule: HTTPRouteRule, where: string, context: RuleContext): { irRules: Omit<RouteRuleIR, 'id'>[]; unresolved?: RefFailure } {
  const { issues } = context;
  const matches = matchesOf(rule);
  const matchIRs = matches.map((match, matchIndex) => compileMatch(match, `${where}.matches[${matchIndex}]`, issues));
  const matchesValid = issues.problems.length === 0;
  const filterContext = { ...context, where: `${where}.filters`, matches };
  const filters = compileFilters(rule.filters ?? [], filterContext);
  const backends = compileBackendRefs(rule.backendRefs ?? [], { ...filterContext, where });
  const timeouts = rule.timeouts ? compileTimeouts(rule.timeouts, `${where}.timeouts`, issues) : undefined;
  const retry = rule.retry ? compileRetry(rule.retry, `${where}.retry`, issues) : undefined;
  if (!matchesValid) return { irRules: [] };
  const irRules = matchIRs.map((match) => ({ match, filters: filters.filters, backends, ...(timeouts ? { timeouts } : {}), ...(retry ? { retry } : {}) }));
  return filters.unresolved ? { irRules, unresolved: filters.unresolved } : { irRules };
}

function invalidRule(ruleIndex: number, issues: RuleIssues): InvalidRule | undefined {
  const [first] = issues.problems;
  if (!first) return undefined;
  return { ruleIndex, reason: first.reason, message: issues.problems.map((problem) => problem.message).join('; ') };
}
