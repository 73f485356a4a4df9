// /metrics on the admin port: Prometheus text with requests by status class, upstream errors by code,
// the configuration version and when it was applied, and readiness, which waits for the first IR.

import assert from 'node:assert/strict';
import { freePort } from './free-port.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';
import { type RecordingServer, startRecordingServer } from './recording-server.ts';
import { type ScriptedBackend, startScriptedBackend } from './scripted-backend.ts';

const PROXY_HOST = '127.0.0.150';
const BACKEND_HOST = '127.0.0.151';

/** Sample values by series (name with labels), from the Prometheus text. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

describe('reference proxy: /metrics (integration)', function () {
  this.timeout(20_000);
  let proxy: ProxyUnderTest;
  let backend: RecordingServer;

  before(async () => {
    backend = await startRecordingServer(BACKEND_HOST);
    proxy = await startProxyUnderTest(PROXY_HOST);
  });

  after(async () => {
    await proxy?.close();
    await backend?.close();
  });

  const scrape = async () => {
    const reply = await send({ host: PROXY_HOST, port: proxy.proxy.adminPort, path: '/metrics' });
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    return { text: reply.text, values: samples(reply.text) };
  };

  it('says not ready and no configuration before the first IR', async () => {
    const { values, text } = await scrape();
    assert.equal(values.get('gauntlet_proxy_ready'), 0);
    assert.equal(values.get('gauntlet_proxy_config_version'), -1);
    assert.equal(values.get('gauntlet_proxy_config_applied_timestamp_seconds'), 0);
    assert.match(text, /# TYPE gauntlet_proxy_requests_total counter/);
  });

  it('counts requests by status class and upstream errors by code, and reports the applied version', async () => {
    const deadPort = await freePort(BACKEND_HOST);
    const before = Date.now() / 1000;
    await proxy.publish([
      prefixRule('dead', '/dead', [service('dead', [{ address: BACKEND_HOST, port: deadPort }])]),
      prefixRule('live', '/live', [service('live', [{ address: BACKEND_HOST, port: backend.port }])]),
    ]);
    const after = Date.now() / 1000;
    const statuses = [];
    for (const path of ['/live/a', '/live/b', '/nowhere', '/dead']) statuses.push((await send({ host: PROXY_HOST, port: proxy.port, path })).status);
    assert.deepEqual(statuses, [200, 200, 404, 503]);
    const { values } = await scrape();
    assert.equal(values.get('gauntlet_proxy_requests_total{status_class="2xx"}'), 2);
    assert.equal(values.get('gauntlet_proxy_requests_total{status_class="4xx"}'), 1);
    assert.equal(values.get('gauntlet_proxy_requests_total{status_class="5xx"}'), 1);
    assert.equal(values.get('gauntlet_proxy_upstream_errors_total{kind="ECONNREFUSED"}'), 1);
    assert.equal(values.get('gauntlet_proxy_config_version'), 1);
    const appliedAt = values.get('gauntlet_proxy_config_applied_timestamp_seconds') ?? 0;
    assert.ok(appliedAt >= before - 0.001 && appliedAt <= after + 0.001, `applied at ${appliedAt}, published between ${before} and ${after}`);
    assert.equal(values.get('gauntlet_proxy_ready'), 1);
    assert.equal(values.get('gauntlet_proxy_listening_ports'), 1);
  });

  describe('by route, backend and status class, with a latency histogram', () => {
    let slow: ScriptedBackend;
    before(async () => {
      // /fast/... answers at once (with the status a /fast/status/NNN path names), anything else after 120 ms.
      slow = await startScriptedBackend(BACKEND_HOST, (request, socket) => {
        const status = /^\/fast\/status\/(\d{3})$/.exec(request.target)?.[1] ?? '200';
        const answer = `HTTP/1.1 ${status} X\r\nContent-Length: 2\r\n\r\nok`;
        if (request.target.startsWith('/fast')) socket.write(answer);
        else setTimeout(() => socket.write(answer), 120);
      });
    });
    after(() => slow?.close());

    it('counts each request once under its HTTPRoute and backend, and its latency in the right bucket', async () => {
      const { values: before } = await scrape();
      const deadPort = await freePort(BACKEND_HOST);
      const endpoint = { address: BACKEND_HOST, port: slow.port };
      await proxy.publish([
        prefixRule('apps/fast/rule/0/match/0', '/fast', [service('apps/quick:80', [endpoint])]),
        prefixRule('apps/slow/rule/0/match/0', '/slow', [service('apps/lazy:80', [endpoint])]),
        prefixRule('apps/gone/rule/0/match/0', '/gone', [service('apps/dead:80', [{ address: BACKEND_HOST, port: deadPort }])]),
        prefixRule('apps/empty/rule/0/match/0', '/empty', [service('apps/none:80', [])]),
      ]);
      const paths = ['/fast/a', '/fast/status/404', '/fast/status/503', '/fast/b', '/slow/x', '/gone', '/empty', '/nowhere'];
      const statuses = [];
      for (const path of paths) statuses.push((await send({ host: PROXY_HOST, port: proxy.port, path })).status);
      assert.deepEqual(statuses, [200, 404, 503, 200, 200, 503, 503, 404]);
      const { values } = await scrape();
      const grew = (series: string): number => (values.get(series) ?? 0) - (before.get(series) ?? 0);
      const route = (name: string, backend: string, statusClass: string) => `gauntlet_proxy_route_requests_total{route="${name}",backend="${backend}",status_class="${statusClass}"}`;
      assert.equal(grew(route('apps/fast', 'apps/quick:80', '2xx')), 2);
      assert.equal(grew(route('apps/fast', 'apps/quick:80', '4xx')), 1);
      assert.equal(grew(route('apps/fast', 'apps/quick:80', '5xx')), 1);
      assert.equal(grew(route('apps/slow', 'apps/lazy:80', '2xx')), 1);
      assert.equal(grew(route('apps/gone', 'apps/dead:80', '5xx')), 1, 'connection refused: counted under its backend');
      assert.equal(grew(route('apps/empty', '', '5xx')), 1, 'no endpoints: answered by the proxy');
      assert.equal(grew(route('', '', '4xx')), 1, 'no route');
      const latency = (suffix: string) => grew(`gauntlet_proxy_request_duration_seconds${suffix}`);
      assert.equal(latency('_count'), paths.length);
      assert.equal(latency('_bucket{le="+Inf"}'), paths.length);
      // The one slow answer (120 ms) is above 0.1 s and within 0.25 s; every other one within 0.1 s.
      assert.equal(latency('_bucket{le="0.1"}'), paths.length - 1);
      assert.equal(latency('_bucket{le="0.25"}'), paths.length);
      assert.ok(latency('_sum') >= 0.12 && latency('_sum') < 0.12 + paths.length * 0.1, `sum ${latency('_sum')}`);
    });
  });
});
