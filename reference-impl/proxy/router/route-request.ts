// What the router needs to know about a request: already split, so matching does no parsing.

import type { RouteRuleIR } from '../../ir/gateway-ir.ts';
import type { RulePlan } from './rule-plan.ts';

export interface RouteRequest {
  /** The Host header as received (a port and upper case are fine: the router normalises). */
  host: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  method: string;
  /** Header value by lower-case name (repeated headers joined with ", "). */
  headers: (name: string) => string | undefined;
  /** The SNI the client's TLS handshake named (lower case); undefined in cleartext or when it named none. */
  serverName?: string | undefined;
}

/**
 * `plan` is compiled with the router: what to do with the rule (plain forwarding, filters, or a 500).
 * `misdirected` (HTTPS only): the Host belongs to another listener than the one the SNI chose: 421.
 */
export type RouteDecision = { kind: 'matched'; rule: RouteRuleIR; plan: RulePlan } | { kind: 'no-route' } | { kind: 'misdirected' };

/** A problem found while compiling: the rule never matches (a bad regex) or answers 500 (unusable filters). */
export interface RouterWarning {
  ruleId: string;
  message: string;
}

export interface Router {
  /** The scheme clients use on this port: redirects without a scheme keep it, X-Forwarded-Proto says it. */
  readonly scheme: 'http' | 'https';
  route(request: RouteRequest): RouteDecision;
  readonly warnings: readonly RouterWarning[];
}
