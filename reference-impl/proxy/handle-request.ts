// The per-request path: route with the port's current router, choose a backend, forward upstream.
// Local answers: 400 unusable request target, 404 no route, 500 invalid backend or no weight,
// 503 no endpoints.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyStats } from './admin/proxy-stats.ts';
import type { BackendChooser } from './backend/choose-backend.ts';
import type { RouteRequest, Router } from './router/compile-router.ts';
import { type ForwardOptions, forwardRequest, sendPlain } from './upstream/forward-request.ts';
import type { UpstreamErrorLog } from './upstream/upstream-error-log.ts';
import { endpointKey, type UpstreamPools } from './upstream/upstream-pools.ts';

export interface RequestHandlerDeps {
  chooser: BackendChooser;
  pools: UpstreamPools;
  stats: ProxyStats;
  forward: ForwardOptions;
  upstreamErrors: Pick<UpstreamErrorLog, 'report'>;
}

// Shared, never mutated: most requests carry no query string.
const EMPTY_QUERY = new URLSearchParams();

/**
 * The request as the router sees it, plus the origin-form target to send upstream; undefined when
 * the request target is neither origin-form (`/path`) nor a parsable absolute-form URL (`*`, junk).
 */
function routeRequestOf(req: IncomingMessage): (RouteRequest & { target: string }) | undefined {
  let target = req.url ?? '/';
  let host = req.headers.host ?? '';
  if (!target.startsWith('/')) {
    // Absolute-form request target (`GET http://host/path`): the URL's authority is the host.
    const url = URL.parse(target);
    if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
    host = url.host;
    target = `${url.pathname}${url.search}`;
  }
  const q = target.indexOf('?');
  const headers = req.headers;
  return {
    target,
    host,
    path: q === -1 ? target : target.slice(0, q),
    query: q === -1 ? EMPTY_QUERY : new URLSearchParams(target.slice(q + 1)),
    method: req.method ?? 'GET',
    headers: (name) => {
      const value = headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

export function createRequestHandler(deps: RequestHandlerDeps): (req: IncomingMessage, res: ServerResponse, router: Router) => void {
  const { chooser, pools, stats, forward, upstreamErrors } = deps;

  function answerLocally(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
    sendPlain(res, status, message);
    stats.record(status);
    // Drain whatever body the client sent, so its keep-alive connection stays usable.
    req.resume();
  }

  return (req, res, router) => {
    const routeRequest = routeRequestOf(req);
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
    const { address, port } = choice.endpoint;
    const upstream = { pool: pools.get(address, port), name: endpointKey(address, port), path: routeRequest.target };
    const ruleId = decision.rule.id;
    forwardRequest(req, res, upstream, forward, (status, upstreamError) => {
      stats.record(status);
      if (upstreamError) upstreamErrors.report({ ruleId, upstream: upstream.name, status, error: upstreamError });
    });
  };
}
