// The request path of a rule with filters, timeouts, retry or an h2c backend (plain rules never come
// here). The rule's filters run on the request, then a backend is chosen and its own filters run;
// a filter may answer on the spot (redirect, CORS preflight: mirror copies taken before it are not
// sent, there being no request upstream to copy); otherwise the request goes upstream through a
// FilteredExchange, its answer decorated by the backend's and then the rule's response side. The
// proxy's own error answers (502/503/504, no endpoints) are not decorated.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteRuleIR } from '../ir/gateway-ir.ts';
import type { ProxyStats } from './admin/proxy-stats.ts';
import type { RequestMetrics } from './admin/request-metrics.ts';
import type { BackendChooser } from './backend/choose-backend.ts';
import type { ClientRouteRequest } from './client-route-request.ts';
import { type ChainContext, decorateAnswer, type FilterAnswer, type OutgoingRequest, runRequestSteps } from './filters/apply-chain.ts';
import type { PreflightQuestion } from './filters/cors-policy.ts';
import { EMPTY_CHAIN, type FilterChain } from './filters/filter-chain.ts';
import type { FullPlan } from './router/rule-plan.ts';
import type { ExchangeDeps } from './upstream/exchange-spec.ts';
import { FilteredExchange } from './upstream/filtered-exchange.ts';
import { upstreamRequestHeaders } from './upstream/forwarded-headers.ts';
import type { ForwardedTrust } from './upstream/forwarded-trust.ts';

export interface FilteredHandlerDeps extends ExchangeDeps {
  chooser: BackendChooser;
  stats: ProxyStats;
  /** Requests by route and backend, latency. */
  metrics?: RequestMetrics;
  answerLocally: (req: IncomingMessage, res: ServerResponse, status: number, message: string, ruleId?: string) => void;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
function preflightOf(req: IncomingMessage): PreflightQuestion | undefined {
  if (req.method !== 'OPTIONS') return undefined;
  const origin = single(req.headers.origin);
  const method = single(req.headers['access-control-request-method']);
  if (origin === undefined || method === undefined) return undefined;
  return { origin, method, headers: single(req.headers['access-control-request-headers']) };
}

/** The request as the filters start from it: the client's, hop-by-hop headers removed, X-Forwarded-* added. */
export function outgoingRequestOf(req: IncomingMessage, route: ClientRouteRequest, trust?: ForwardedTrust): OutgoingRequest {
  return {
    method: route.method,
    host: route.host || (req.socket.localAddress ?? ''),
    path: route.path,
    query: route.target.slice(route.path.length),
    headers: upstreamRequestHeaders(req.rawHeaders, req.socket.remoteAddress ?? '', route.scheme, route.authority, trust),
  };
}

export function createFilteredHandler(deps: FilteredHandlerDeps) {
  const { chooser, stats, answerLocally } = deps;

  /** A filter's own answer, decorated by the chains it passed (innermost first). */
  function sendFilterAnswer(req: IncomingMessage, res: ServerResponse, answer: FilterAnswer, chains: FilterChain[], ruleId: string): void {
    let headers = answer.headers;
    const origin = single(req.headers.origin);
    for (const chain of chains) headers = decorateAnswer(headers, chain, origin, answer.preflight);
    res.writeHead(answer.status, headers);
    res.end();
    stats.record(answer.status);
    deps.metrics?.record(answer.status, ruleId, undefined, performance.now());
    req.resume();
  }

  return (req: IncomingMessage, res: ServerResponse, route: ClientRouteRequest, rule: RouteRuleIR, plan: FullPlan): void => {
    const outgoing = outgoingRequestOf(req, route, deps.forward.forwardedTrust);
    const context: ChainContext = { random: chooser.random, preflight: preflightOf(req), mirrors: [] };
    const ruleAnswer = runRequestSteps(plan.chain, outgoing, context);
    if (ruleAnswer !== undefined) {
      sendFilterAnswer(req, res, ruleAnswer, [plan.chain], rule.id);
      return;
    }
    const choice = chooser.choose(rule.backends);
    if (choice.kind === 'error') {
      answerLocally(req, res, choice.status, `${choice.reason} (rule ${rule.id})`, rule.id);
      return;
    }
    const backendChain = plan.backendChains.get(choice.backend) ?? EMPTY_CHAIN;
    if ('failure' in backendChain) {
      answerLocally(req, res, 500, backendChain.failure, rule.id);
      return;
    }
    const backendAnswer = runRequestSteps(backendChain, outgoing, context);
    if (backendAnswer !== undefined) {
      sendFilterAnswer(req, res, backendAnswer, [backendChain, plan.chain], rule.id);
      return;
    }
    const origin = single(req.headers.origin);
    const exchange = new FilteredExchange(
      req,
      res,
      {
        ruleId: rule.id,
        backend: choice.backend,
        endpoint: choice.endpoint,
        method: outgoing.method,
        target: outgoing.path + outgoing.query,
        headers: outgoing.headers,
        decorate: (headers) => decorateAnswer(decorateAnswer(headers, backendChain, origin, false), plan.chain, origin, false),
        requestMs: plan.requestMs,
        backendRequestMs: plan.backendRequestMs,
        unboundedAttempts: plan.unboundedAttempts,
        retry: plan.retry,
        mirrors: context.mirrors,
      },
      deps,
    );
    exchange.start();
  };
}
