// What the router needs to know about a request: already split, so matching does no parsing.

import type { RouteRuleIR } from '../../ir/gateway-ir.ts';

export interface RouteRequest {
  /** The Host header as received (a port and upper case are fine: the router normalises). */
  host: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  method: string;
  /** Header value by lower-case name (repeated headers joined with ", "). */
  headers: (name: string) => string | undefined;
}

export type RouteDecision = { kind: 'matched'; rule: RouteRuleIR } | { kind: 'no-route' };

/** A problem found while compiling (the rule concerned never matches). */
export interface RouterWarning {
  ruleId: string;
  message: string;
}

export interface Router {
  route(request: RouteRequest): RouteDecision;
  readonly warnings: readonly RouterWarning[];
}
