// The routes of the echo's HTTP and HTTPS listeners, as upstream's mux has them: /health, /status/NNN,
// /retry/..., /ws (WebSocket, see websocket-echo.ts) and the echo for everything else.

import type { EchoRequest } from './echo-answer.ts';
import { type EchoEndpointOptions, type EchoResponse, echoRequest, respond } from './echo-endpoint.ts';
import { answerWithStatus } from './go-status.ts';
import { handleRetry } from './retry-endpoint.ts';
import type { RetrySimulation } from './retry-simulation.ts';
import { routingPath } from './routing-path.ts';
import { WEBSOCKET_PATH } from './websocket-echo.ts';

export type EchoHandler = (req: EchoRequest, res: EchoResponse) => void;

const STATUS_TARGET = /^\/status\/(\d\d\d)$/;
// Go's mux answers a subtree's root without its slash with a redirect to it.
const SUBTREE_ROOTS = new Set(['/status', '/retry']);

export function httpRoutes(options: EchoEndpointOptions & { retry: RetrySimulation }): EchoHandler {
  return (req, res) => {
    const path = routingPath(req.url);
    if (path === '/health') {
      respond(res, 200, {}, 'OK');
    } else if (path.startsWith('/status/')) {
      // Upstream matches the whole request target, query included: '/status/200?x=1' is a 400.
      const code = STATUS_TARGET.exec(req.url ?? '')?.[1];
      answerWithStatus(res, code === undefined ? 400 : Number(code));
    } else if (path.startsWith('/retry/')) {
      handleRetry(req, res, options.retry, () => echoRequest(req, res, options));
    } else if (path === WEBSOCKET_PATH) {
      // An Upgrade request never gets here (websocket-echo.ts takes it): this one failed the handshake.
      respond(res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad Request');
    } else if (SUBTREE_ROOTS.has(path)) {
      const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      respond(res, 301, { Location: `${path}/${query}` });
    } else {
      echoRequest(req, res, options);
    }
  };
}
