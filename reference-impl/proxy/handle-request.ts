// The per-request path: route with the port's current router, choose a backend, forward upstream.
// Local answers: 400 unusable request target, 404 no route, 500 invalid backend or no weight,
// 503 no endpoints.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyStats } from './admin/proxy-stats.ts';
import type { BackendChooser } from './backend/choose-backend.ts';
import { clientRouteRequestOf } from './client-route-request.ts';
import type { Router } from './router/compile-router.ts';
import { type ForwardDone, type ForwardOptions, forwardRequest, sendPlain } from './upstream/forward-request.ts';
import type { UpstreamErrorLog } from './upstream/upstream-error-log.ts';
import type { UpstreamPools } from './upstream/upstream-pools.ts';

export interface RequestHandlerDeps {
  chooser: BackendChooser;
  pools: UpstreamPools;
  stats: ProxyStats;
  forward: ForwardOptions;
  upstreamErrors: Pick<UpstreamErrorLog, 'report'>;
}

export function createRequestHandler(deps: RequestHandlerDeps): (req: IncomingMessage, res: ServerResponse, router: Router) => void {
  const { chooser, pools, stats, forward, upstreamErrors } = deps;

  function answerLocally(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
    sendPlain(res, status, message);
    stats.record(status);
    // Drain whatever body the client sent, so its keep-alive connection stays usable.
    req.resume();
  }

  // One callback for every request: no closure allocated per request.
  const done: ForwardDone = (status, upstreamError, exchange) => {
    stats.record(status);
    if (upstreamError) upstreamErrors.report({ ruleId: exchange.ruleId, upstream: exchange.upstream.name, status, error: upstreamError });
  };

  return (req, res, router) => {
    const routeRequest = clientRouteRequestOf(req);
    if (routeRequest === undefined) {
      answerLocally(req, res, 400, 'request target must be a path (/...) or an absolute http(s) URL');
      return;
    }
    const decision = router.route(routeRequest);
    if (decision.kind === 'no-route') {
      answerLocally(req, res, 404, 'no route matches this request');
      return;
    }
    const choice = chooser.choose(decision.rule.backends);
    if (choice.kind === 'error') {
      answerLocally(req, res, choice.status, `${choice.reason} (rule ${decision.rule.id})`);
      return;
    }
    forwardRequest(req, res, { upstream: pools.forEndpoint(choice.endpoint), path: routeRequest.target, ruleId: decision.rule.id }, forward, done);
  };
}
