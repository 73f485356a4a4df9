// The proxy's /metrics in the Prometheus text exposition format (version 0.0.4), rendered on scrape
// from counters the proxy keeps anyway: nothing here runs per request.

import type { HistogramSnapshot } from './latency-histogram.ts';
import type { ProxyStatsSnapshot } from './proxy-stats.ts';
import type { SeriesSnapshot } from './request-metrics.ts';

export interface ProxyMetrics {
  stats: ProxyStatsSnapshot;
  /** Upstream failures by error code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT, ...). */
  upstreamErrors: ReadonlyMap<string, number>;
  ready: boolean;
  /** When the IR being served was applied (ms since the epoch); undefined before the first. */
  appliedAtMs: number | undefined;
  /** Requests by route, backend and status class, and their latency (request-metrics.ts). */
  requests?: { series: SeriesSnapshot[]; latency: HistogramSnapshot };
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Label values escape backslash, double quote and newline. */
function labelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** `samples`: [name suffix + labels, value]; a histogram's samples carry their `_bucket`, `_sum`, `_count` suffix. */
function family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string, samples: [labels: string, value: number][]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
  return lines.join('\n');
}

function routeSamples(series: readonly SeriesSnapshot[]): [string, number][] {
  const samples: [string, number][] = [];
  for (const s of series) {
    for (const [statusClass, count] of Object.entries(s.byStatusClass)) {
      if (count > 0) samples.push([`{route="${labelValue(s.route)}",backend="${labelValue(s.backend)}",status_class="${statusClass}"}`, count]);
    }
  }
  return samples;
}

function histogramSamples(latency: HistogramSnapshot): [string, number][] {
  const samples = latency.buckets.map(([le, count]): [string, number] => [`_bucket{le="${le === Number.POSITIVE_INFINITY ? '+Inf' : le}"}`, count]);
  samples.push(['_sum', latency.sum], ['_count', latency.count]);
  return samples;
}

export function renderPrometheus(metrics: ProxyMetrics): string {
  const { stats } = metrics;
  const byClass = Object.entries(stats.byStatusClass).map(([statusClass, count]): [string, number] => [`{status_class="${statusClass}"}`, count]);
  const errors = [...metrics.upstreamErrors].map(([kind, count]): [string, number] => [`{kind="${labelValue(kind)}"}`, count]);
  return `${[
    family('gauntlet_proxy_requests_total', 'counter', 'Client requests answered, by status class (aborted: broken before a complete answer).', byClass),
    family('gauntlet_proxy_upstream_errors_total', 'counter', 'Upstream failures by error code.', errors),
    family('gauntlet_proxy_config_version', 'gauge', 'Version of the IR being served (-1 before the first).', [['', stats.irVersion ?? -1]]),
    family('gauntlet_proxy_config_applied_timestamp_seconds', 'gauge', 'When the IR being served was applied (0 before the first).', [
      ['', metrics.appliedAtMs === undefined ? 0 : metrics.appliedAtMs / 1000],
    ]),
    family('gauntlet_proxy_ready', 'gauge', '1 once the first IR is applied and every port is bound.', [['', metrics.ready ? 1 : 0]]),
    family('gauntlet_proxy_listening_ports', 'gauge', 'Ports listening now.', [['', stats.listeners.length]]),
    ...(metrics.requests === undefined
      ? []
      : [
          family(
            'gauntlet_proxy_route_requests_total',
            'counter',
            'HTTP requests by HTTPRoute (namespace/name), backend and status class; route "" took no rule, backend "" was answered by the proxy.',
            routeSamples(metrics.requests.series),
          ),
          family('gauntlet_proxy_request_duration_seconds', 'histogram', 'Time from a request to the end of its answer, HTTP requests the router took or refused.', histogramSamples(metrics.requests.latency)),
        ]),
  ].join('\n')}\n`;
}
