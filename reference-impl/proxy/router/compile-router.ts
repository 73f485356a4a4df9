// Compiles one port's virtual hosts into a Router. Pure: the same IR always gives the same router,
// and nothing here logs or touches the network (warnings are returned for the caller to log). On an HTTPS
// port a request is first checked against the listener its SNI chose (misdirected-request.ts). Hosts are found
// by exact name, then by wildcard suffix; rules within a host through rule-index.ts (by path when there are many).

import type { PortListenerIR, VirtualHostIR } from '../../ir/gateway-ir.ts';
import type { ListenerContext } from '../filters/filter-chain.ts';
import { compileMatch, type MatchPredicate } from './compile-match.ts';
import { compileMisdirectionCheck } from './misdirected-request.ts';
import { normalizeHost } from './normalize-host.ts';
import type { RouteDecision, RouteRequest, Router, RouterWarning } from './route-request.ts';
import { type IndexedRule, type RuleFinder, ruleFinder } from './rule-index.ts';
import { compileRulePlan } from './rule-plan.ts';

export type { RouteDecision, RouteRequest, Router, RouterWarning } from './route-request.ts';

interface CompiledVirtualHost {
  /** The first rule that fits, as a decision built once: routing allocates nothing per request. */
  find: RuleFinder<RouteDecision>;
}

interface WildcardHost {
  /** `.example.com` for `*.example.com`. */
  suffix: string;
  vhost: CompiledVirtualHost;
}

const NO_ROUTE: RouteDecision = { kind: 'no-route' };
const MISDIRECTED: RouteDecision = { kind: 'misdirected' };
const NEVER: MatchPredicate = () => false;

function compileVirtualHost(vhost: VirtualHostIR, listener: ListenerContext, warnings: RouterWarning[]): CompiledVirtualHost {
  const rules = vhost.rules.map((rule): IndexedRule<RouteDecision> => {
    const plan = compileRulePlan(rule, listener);
    // The IR's own failures are expected answers; a filter the proxy cannot compile is worth a warning.
    if (plan.kind === 'failure' && rule.failure === undefined) warnings.push({ ruleId: rule.id, message: `${plan.reason}; the rule answers 500` });
    const value: RouteDecision = { kind: 'matched', rule, plan };
    try {
      return { path: rule.match.path, matches: compileMatch(rule.match), value };
    } catch (error) {
      warnings.push({ ruleId: rule.id, message: `${(error as Error).message}` });
      return { path: rule.match.path, matches: NEVER, value };
    }
  });
  return { find: ruleFinder(rules) };
}

export function compileRouter(listener: PortListenerIR): Router {
  const warnings: RouterWarning[] = [];
  const exact = new Map<string, CompiledVirtualHost>();
  const wildcards: WildcardHost[] = [];
  let catchAll: CompiledVirtualHost | undefined;
  // Redirects without a scheme keep the one the client used on this port.
  const scheme = listener.protocol === 'HTTPS' ? 'https' : 'http';
  const context: ListenerContext = { port: listener.port, scheme };
  const misdirection = listener.tls === undefined ? undefined : compileMisdirectionCheck(listener.tls);

  for (const vhost of listener.virtualHosts) {
    const hostname = vhost.hostname.toLowerCase();
    const compiled = compileVirtualHost(vhost, context, warnings);
    // The first entry for a hostname wins; the translator should not send duplicates.
    if (hostname === '*') {
      catchAll ??= compiled;
    } else if (hostname.startsWith('*.')) {
      const suffix = hostname.slice(1);
      if (!wildcards.some((w) => w.suffix === suffix)) wildcards.push({ suffix, vhost: compiled });
    } else if (!exact.has(hostname)) {
      exact.set(hostname, compiled);
    }
  }
  // Longest suffix first: `*.a.example.com` is more specific than `*.example.com`.
  wildcards.sort((a, b) => b.suffix.length - a.suffix.length);

  function selectVirtualHost(host: string): CompiledVirtualHost | undefined {
    const direct = exact.get(host);
    if (direct !== undefined) return direct;
    for (const wildcard of wildcards) {
      // `*.example.com` needs at least one label before the suffix.
      if (host.length > wildcard.suffix.length && host.endsWith(wildcard.suffix)) return wildcard.vhost;
    }
    return catchAll;
  }

  return {
    warnings,
    scheme,
    route(request: RouteRequest): RouteDecision {
      const host = normalizeHost(request.host);
      if (misdirection !== undefined) {
        const verdict = misdirection(host, request.serverName);
        if (verdict === 'no-listener') return NO_ROUTE;
        if (verdict === 'misdirected') return MISDIRECTED;
      }
      const vhost = selectVirtualHost(host);
      if (vhost === undefined) return NO_ROUTE;
      return vhost.find(request) ?? NO_ROUTE;
    },
  };
}
