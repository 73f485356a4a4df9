// The per-request path: route with the port's current router, choose a backend, forward upstream.
// Plain rules (no filters, timeouts, retry or h2c backend) take the fast path below, unchanged;
// the others go through handle-filtered-request.ts. Local answers: 400 unusable request target,
// 404 no route, 421 a Host another HTTPS listener than the SNI's serves, 500 invalid backend, no weight or
// a rule that cannot be served, 503 no endpoints.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyStats } from './admin/proxy-stats.ts';
import type { RequestMetrics } from './admin/request-metrics.ts';
import type { BackendChooser } from './backend/choose-backend.ts';
import { clientRouteRequestOf } from './client-route-request.ts';
import { createFilteredHandler } from './handle-filtered-request.ts';
import type { Router } from './router/compile-router.ts';
import { MISDIRECTED_MESSAGE } from './router/misdirected-request.ts';
import { PLAIN_PLAN } from './router/rule-plan.ts';
import { type ForwardDone, type ForwardOptions, forwardRequest, sendPlain } from './upstream/forward-request.ts';
import type { UpstreamProtocol, UpstreamTransport } from './upstream/upstream-attempt.ts';
import type { UpstreamErrorLog } from './upstream/upstream-error-log.ts';
import type { UpstreamPools } from './upstream/upstream-pools.ts';

export interface RequestHandlerDeps {
  chooser: BackendChooser;
  pools: UpstreamPools;
  /** Attempts of the filtered path, per backend protocol. */
  transports: Record<UpstreamProtocol, UpstreamTransport>;
  stats: ProxyStats;
  /** Requests by route, backend and status class; the latency histogram. */
  metrics: RequestMetrics;
  forward: ForwardOptions;
  upstreamErrors: Pick<UpstreamErrorLog, 'report'>;
  /** Largest request body buffered so that a retry can resend it. */
  replayLimitBytes: number;
  /** A mirror lagging this far behind the main request's body is dropped. */
  mirrorLagLimitBytes: number;
  /** Longest life of a mirror copy. */
  mirrorTimeoutMs: number;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, router: Router) => void;

export function createRequestHandler(deps: RequestHandlerDeps): RequestHandler {
  const { chooser, pools, stats, metrics, forward, upstreamErrors } = deps;

  /** `ruleId`: the rule that took the request, when one did; the answer is immediate, so its latency is ~0. */
  function answerLocally(req: IncomingMessage, res: ServerResponse, status: number, message: string, ruleId?: string): void {
    const startedAt = performance.now();
    sendPlain(res, status, message);
    stats.record(status);
    metrics.record(status, ruleId, undefined, startedAt);
    // Drain whatever body the client sent, so its keep-alive connection stays usable.
    req.resume();
  }

  // One callback for every request: no closure allocated per request.
  const done: ForwardDone = (status, upstreamError, exchange) => {
    stats.record(status);
    metrics.record(status, exchange.ruleId, exchange.backend, exchange.startedAt ?? performance.now());
    if (upstreamError) upstreamErrors.report({ ruleId: exchange.ruleId, upstream: exchange.upstream.name, status, error: upstreamError });
  };

  const handleFiltered = createFilteredHandler({
    chooser,
    stats,
    metrics,
    answerLocally,
    transports: deps.transports,
    forward,
    replayLimitBytes: deps.replayLimitBytes,
    mirrorLagLimitBytes: deps.mirrorLagLimitBytes,
    mirror: { chooser, transports: deps.transports, timeoutMs: deps.mirrorTimeoutMs, report: (report) => upstreamErrors.report(report) },
    done,
  });

  return (req, res, router) => {
    const startedAt = performance.now();
    const routeRequest = clientRouteRequestOf(req);
    if (routeRequest === undefined) {
      answerLocally(req, res, 400, 'request target must be a path (/...) or an absolute http(s) URL, without a fragment');
      return;
    }
    const decision = router.route(routeRequest);
    if (decision.kind === 'no-route') {
      answerLocally(req, res, 404, 'no route matches this request');
      return;
    }
    if (decision.kind === 'misdirected') {
      answerLocally(req, res, 421, MISDIRECTED_MESSAGE);
      return;
    }
    const plan = decision.plan;
    if (plan !== PLAIN_PLAN) {
      if (plan.kind === 'failure') answerLocally(req, res, 500, plan.reason, decision.rule.id);
      else if (plan.kind === 'full') handleFiltered(req, res, routeRequest, decision.rule, plan);
      return;
    }
    const choice = chooser.choose(decision.rule.backends);
    if (choice.kind === 'error') {
      answerLocally(req, res, choice.status, `${choice.reason} (rule ${decision.rule.id})`, decision.rule.id);
      return;
    }
    const target = {
      upstream: pools.forEndpoint(choice.endpoint, choice.backend.tls),
      path: routeRequest.target,
      ruleId: decision.rule.id,
      scheme: routeRequest.scheme,
      authority: routeRequest.authority,
      backend: choice.backend,
      startedAt,
    };
    forwardRequest(req, res, target, forward, done);
  };
}
