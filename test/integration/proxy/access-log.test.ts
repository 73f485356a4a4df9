// Structured access logs: off by default, one JSON line per client request when ProxyOptions.accessLog is on.

import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { AccessLogLine } from '../../../reference-impl/proxy/admin/access-log.ts';
import { send } from './http-client.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';
import { type RecordingServer, startRecordingServer } from './recording-server.ts';

const BACKEND_HOST = '127.0.0.152';

function sinkInto(lines: { msg: string; access?: AccessLogLine }[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line));
      callback();
    },
  });
}

describe('reference proxy: access logs (integration)', function () {
  this.timeout(20_000);
  let backend: RecordingServer;
  const proxies: ProxyUnderTest[] = [];

  before(async () => {
    backend = await startRecordingServer(BACKEND_HOST);
  });

  after(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await backend?.close();
  });

  async function proxyLogging(host: string, accessLog: boolean | undefined, lines: { msg: string; access?: AccessLogLine }[]): Promise<ProxyUnderTest> {
    const proxy = await startProxyUnderTest(host, { logger: pino({ level: 'info' }, sinkInto(lines)), ...(accessLog === undefined ? {} : { accessLog }) });
    proxies.push(proxy);
    await proxy.publish([prefixRule('live', '/live', [service('live', [{ address: BACKEND_HOST, port: backend.port }])])]);
    return proxy;
  }

  it('logs nothing per request by default', async () => {
    const lines: { msg: string; access?: AccessLogLine }[] = [];
    const proxy = await proxyLogging('127.0.0.153', undefined, lines);
    assert.equal((await send({ host: proxy.host, port: proxy.port, path: '/live/x' })).status, 200);
    assert.deepEqual(
      lines.filter((line) => line.msg === 'access'),
      [],
    );
  });

  it('logs one structured line per request when asked', async () => {
    const lines: { msg: string; access?: AccessLogLine }[] = [];
    const proxy = await proxyLogging('127.0.0.154', true, lines);
    assert.equal((await send({ host: proxy.host, port: proxy.port, path: '/live/x?q=1', headers: { host: 'gw.example' } })).status, 200);
    assert.equal((await send({ host: proxy.host, port: proxy.port, path: '/nowhere', method: 'POST', body: 'x' })).status, 404);
    await new Promise((resolve) => setImmediate(resolve));
    const access = lines.filter((line) => line.msg === 'access').map((line) => line.access as AccessLogLine);
    assert.equal(access.length, 2);
    assert.deepEqual(
      access.map(({ method, target, status, completed, httpVersion }) => ({ method, target, status, completed, httpVersion })),
      [
        { method: 'GET', target: '/live/x?q=1', status: 200, completed: true, httpVersion: '1.1' },
        { method: 'POST', target: '/nowhere', status: 404, completed: true, httpVersion: '1.1' },
      ],
    );
    assert.equal(access[0]?.host, 'gw.example');
    assert.match(access[0]?.client ?? '', /^127\./);
    assert.ok((access[0]?.durationMs ?? -1) >= 0);
  });
});
