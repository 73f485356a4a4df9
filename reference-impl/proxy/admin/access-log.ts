// Structured access logs, off by default (ProxyOptions.accessLog, PROXY_ACCESS_LOG=1 in the pod): one
// JSON line per client request once its answer is done or broken. Wrapping the request handler only
// when asked keeps the request path free of it otherwise.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { PortHandlers } from '../listeners/client-servers.ts';

export interface AccessLogLine {
  method: string;
  /** The request target as the client sent it (before normalization). */
  target: string;
  host: string;
  status: number;
  /** False when the connection broke before the answer was complete. */
  completed: boolean;
  durationMs: number;
  client: string;
  httpVersion: string;
}

export function withAccessLog(request: PortHandlers['request'], logger: Logger): PortHandlers['request'] {
  return (req: IncomingMessage, res: ServerResponse, router) => {
    const startedAt = performance.now();
    res.once('close', () => {
      const line: AccessLogLine = {
        method: req.method ?? '',
        target: req.url ?? '',
        host: req.headers.host ?? (req.headers[':authority'] as string | undefined) ?? '',
        status: res.statusCode,
        completed: res.writableFinished,
        durationMs: Math.round((performance.now() - startedAt) * 1000) / 1000,
        client: req.socket.remoteAddress ?? '',
        httpVersion: req.httpVersion,
      };
      logger.info({ access: line }, 'access');
    });
    request(req, res, router);
  };
}
