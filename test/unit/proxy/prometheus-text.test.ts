import assert from 'node:assert/strict';
import { renderPrometheus } from '../../../reference-impl/proxy/admin/prometheus-text.ts';

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
});
