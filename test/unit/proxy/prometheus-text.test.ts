import assert from 'node:assert/strict';
import { renderPrometheus } from '../../../reference-impl/proxy/admin/prometheus-text.ts';
import { RequestMetrics, routeOfRuleId } from '../../../reference-impl/proxy/admin/request-metrics.ts';

describe('prometheus text', () => {
  it('renders each family with HELP and TYPE, labels escaped, one sample a line, ending in a newline', () => {
    const text = renderPrometheus({
      stats: { requests: 3, byStatusClass: { '1xx': 0, '2xx': 2, '3xx': 0, '4xx': 1, '5xx': 0, aborted: 0 }, irVersion: 7, listeners: [80, 443] },
      upstreamErrors: new Map([['ECONN"odd\\', 2]]),
      ready: true,
      appliedAtMs: 1_500,
    });
    assert.ok(text.endsWith('\n'));
    const lines = text.trimEnd().split('\n');
    assert.ok(lines.includes('# TYPE gauntlet_proxy_requests_total counter'));
    assert.ok(lines.includes('gauntlet_proxy_requests_total{status_class="2xx"} 2'));
    assert.ok(lines.includes('gauntlet_proxy_upstream_errors_total{kind="ECONN\\"odd\\\\"} 2'));
    assert.ok(lines.includes('gauntlet_proxy_config_version 7'));
    assert.ok(lines.includes('gauntlet_proxy_config_applied_timestamp_seconds 1.5'));
    assert.ok(lines.includes('gauntlet_proxy_ready 1'));
    assert.ok(lines.includes('gauntlet_proxy_listening_ports 2'));
    for (const line of lines) assert.match(line, /^(# (HELP|TYPE) \S+ .+|[a-z_]+(\{[a-z_]+="(?:[^"\\]|\\.)*"\})? -?[0-9.e+]+)$/, line);
  });

  it('renders requests by route, backend and status class, and a cumulative latency histogram', () => {
    const metrics = new RequestMetrics();
    const backend = { name: 'apps/web:80' };
    const now = performance.now();
    metrics.record(200, 'apps/site/rule/0/match/0', backend, now - 2);
    metrics.record(503, 'apps/site/rule/1/match/0', backend, now - 30);
    metrics.record(0, 'apps/site/rule/0/match/0', backend, now);
    metrics.record(404, undefined, undefined, now);
    metrics.record(500, 'apps/site/rule/2/match/0', undefined, now);
    const text = renderPrometheus({
      stats: { requests: 5, byStatusClass: { '1xx': 0, '2xx': 1, '3xx': 0, '4xx': 1, '5xx': 2, aborted: 1 }, irVersion: 1, listeners: [80] },
      upstreamErrors: new Map(),
      ready: true,
      appliedAtMs: 0,
      requests: metrics.snapshot(),
    });
    const lines = text.trimEnd().split('\n');
    for (const expected of [
      '# TYPE gauntlet_proxy_route_requests_total counter',
      'gauntlet_proxy_route_requests_total{route="apps/site",backend="apps/web:80",status_class="2xx"} 1',
      'gauntlet_proxy_route_requests_total{route="apps/site",backend="apps/web:80",status_class="5xx"} 1',
      'gauntlet_proxy_route_requests_total{route="apps/site",backend="apps/web:80",status_class="aborted"} 1',
      'gauntlet_proxy_route_requests_total{route="apps/site",backend="",status_class="5xx"} 1',
      'gauntlet_proxy_route_requests_total{route="",backend="",status_class="4xx"} 1',
      '# TYPE gauntlet_proxy_request_duration_seconds histogram',
      'gauntlet_proxy_request_duration_seconds_bucket{le="0.001"} 3',
      'gauntlet_proxy_request_duration_seconds_bucket{le="0.0025"} 4',
      'gauntlet_proxy_request_duration_seconds_bucket{le="0.025"} 4',
      'gauntlet_proxy_request_duration_seconds_bucket{le="0.05"} 5',
      'gauntlet_proxy_request_duration_seconds_bucket{le="+Inf"} 5',
      'gauntlet_proxy_request_duration_seconds_count 5',
    ]) {
      assert.ok(lines.includes(expected), `missing: ${expected}`);
    }
    assert.equal(lines.filter((line) => line.includes('status_class="3xx"')).length, 1, 'classes never seen are left out of the route family');
    assert.equal(routeOfRuleId('ns/name/rule/3/match/1'), 'ns/name');
  });
});
