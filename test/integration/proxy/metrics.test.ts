// /metrics on the admin port: Prometheus text with requests by status class, upstream errors by code,
// the configuration version and when it was applied, and readiness, which waits for the first IR.

import assert from 'node:assert/strict';
import { freePort } from './free-port.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';
import { type RecordingServer, startRecordingServer } from './recording-server.ts';

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
});
