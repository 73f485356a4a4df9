// What the request path does with a matched rule, decided once per IR version: most rules have no
// filters, timeouts or retry and take the plain path (the same fast forwarding as ever); a rule the
// IR marks as failed, or whose filters cannot work, answers 500 with the reason; every other rule
// carries its compiled filter chains.

import type { BackendIR, RetryIR, RouteRuleIR } from '../../ir/gateway-ir.ts';
import { compileFilterChain, type FilterChain, type ListenerContext } from '../filters/filter-chain.ts';
import { transportOf } from '../upstream/upstream-attempt.ts';

export interface FullPlan {
  kind: 'full';
  chain: FilterChain;
  /** Per backend: its own compiled filters, or why they cannot work (requests picking it get 500). */
  backendChains: Map<BackendIR, FilterChain | { failure: string }>;
  /** Undefined: no limit of the rule's own (the IR's 0, the specification's `0s`, also means none). */
  requestMs: number | undefined;
  backendRequestMs: number | undefined;
  /**
   * True when the IR says backendRequest 0 (`0s`: disabled): attempts then also go without the proxy's
   * default limits on waiting for upstream headers and body chunks.
   */
  unboundedAttempts: boolean;
  retry: RetryIR | undefined;
}

export type RulePlan = { kind: 'plain' } | { kind: 'failure'; reason: string } | FullPlan;

/** Shared by every plain rule: the hot path compares against it and allocates nothing. */
export const PLAIN_PLAN: RulePlan = { kind: 'plain' };

function isPlain(rule: RouteRuleIR): boolean {
  if (rule.failure !== undefined || rule.filters.length > 0 || rule.retry !== undefined) return false;
  if (rule.timeouts?.requestMs !== undefined || rule.timeouts?.backendRequestMs !== undefined) return false;
  // WebSocket backends take plain HTTP/1.1 requests too; upgrades have their own path.
  return rule.backends.every((b) => b.kind === 'invalid' || (transportOf(b.protocol) === 'http' && b.filters.length === 0));
}

/** Never throws: a filter that cannot be compiled turns the rule into a failure plan, with the reason. */
export function compileRulePlan(rule: RouteRuleIR, listener: ListenerContext): RulePlan {
  if (rule.failure !== undefined) return { kind: 'failure', reason: `rule ${rule.id} cannot be served: ${rule.failure.reason}` };
  if (isPlain(rule)) return PLAIN_PLAN;
  let chain: FilterChain;
  try {
    chain = compileFilterChain(rule.filters, `rule ${rule.id} filters`, listener);
  } catch (error) {
    return { kind: 'failure', reason: (error as Error).message };
  }
  const backendChains = new Map<BackendIR, FilterChain | { failure: string }>();
  rule.backends.forEach((backend, i) => {
    if (backend.kind !== 'service') return;
    try {
      backendChains.set(backend, compileFilterChain(backend.filters, `rule ${rule.id} backends[${i}] (${backend.name}) filters`, listener));
    } catch (error) {
      backendChains.set(backend, { failure: (error as Error).message });
    }
  });
  const positive = (ms: number | undefined): number | undefined => (ms !== undefined && ms > 0 ? ms : undefined);
  return {
    kind: 'full',
    chain,
    backendChains,
    requestMs: positive(rule.timeouts?.requestMs),
    backendRequestMs: positive(rule.timeouts?.backendRequestMs),
    unboundedAttempts: rule.timeouts?.backendRequestMs === 0,
    retry: rule.retry !== undefined && rule.retry.attempts > 1 ? rule.retry : undefined,
  };
}
