// Admin endpoints on ADMIN_PORT: /ready (first IR applied and every port bound), /healthz, /stats (JSON),
// /metrics (Prometheus text).

import { createServer, type Server } from 'node:http';
import { listenOn } from '../../net/listen-on.ts';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus-text.ts';
import type { ProxyStatsSnapshot } from './proxy-stats.ts';

export interface AdminState {
  ready(): boolean;
  stats(): ProxyStatsSnapshot;
  /** The Prometheus text of /metrics. */
  metrics(): string;
}

export interface AdminServer {
  port: number;
  close(): Promise<void>;
}

function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function startAdminServer(host: string, port: number, state: AdminState): Promise<AdminServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
    } else if (path === '/ready') {
      const ready = state.ready();
      sendJson(res, ready ? 200 : 503, { ready });
    } else if (path === '/stats') {
      sendJson(res, 200, state.stats());
    } else if (path === '/metrics') {
      const text = state.metrics();
      res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    } else {
      sendJson(res, 404, { error: `unknown admin path ${path}; try /ready, /healthz, /stats or /metrics` });
    }
  });
  return listenOn(server, port, host).then((boundPort) => ({
    port: boundPort,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  }));
}
