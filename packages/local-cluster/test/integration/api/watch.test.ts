import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiServer, startApiServer } from '../../../src/api/api-server.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';

const CONFIGMAPS = { group: '', resource: 'configmaps' };

/** Reads a watch stream until `lines` events arrived or the server ended it; at most 5 s. */
function watchLines(server: ApiServer, path: string, lines: number): Promise<{ status: number; events: { type: string; object: { metadata?: { name?: string }; code?: number } }[] }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { ca: server.caCertPem, timeout: 5000 }, (res) => {
      let buffer = '';
      const finish = () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, events: buffer.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)) });
      };
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        if (buffer.split('\n').filter((l) => l !== '').length >= lines) finish();
      });
      res.on('end', finish);
    });
    req.on('timeout', () => reject(new Error(`watch ${path} timed out`)));
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}

describe('local API server watch streams', function () {
  this.timeout(20_000);
  let store: MemoryObjectStore;
  let server: ApiServer;
  let stateDir: string;

  before(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'gauntlet-watch-'));
    store = new MemoryObjectStore({ historyLimit: 3 });
    server = await startApiServer({ store, stateDir });
    for (let i = 0; i < 10; i++) {
      store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default', labels: { n: String(i % 2) } } });
    }
  });
  after(async () => {
    await server.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('answers a too-old resourceVersion with an ERROR event carrying a 410 Expired Status', async () => {
    const { status, events } = await watchLines(server, '/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1', 1);
    assert.equal(status, 200);
    assert.equal(events[0]?.type, 'ERROR');
    assert.equal(events[0]?.object.code, 410);
  });

  it('answers a malformed resourceVersion with a 400 before streaming', async () => {
    const { status } = await watchLines(server, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=x', 1);
    assert.equal(status, 400);
  });

  it('starts with the current objects, filtered by label and field selectors', async () => {
    const byLabel = await watchLines(server, '/api/v1/namespaces/default/configmaps?watch=1&labelSelector=n%3D1', 5);
    assert.deepEqual(byLabel.events.map((e) => e.object.metadata?.name), ['c1', 'c3', 'c5', 'c7', 'c9']);
    const byName = watchLines(server, '/api/v1/configmaps?watch=1&fieldSelector=metadata.name%3Dlate', 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'default' } });
    const { events } = await byName;
    assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata?.name}`), ['ADDED late']);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const started = Date.now();
    const path = `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${store.resourceVersion}&timeoutSeconds=1`;
    const { status, events } = await watchLines(server, path, 100);
    assert.equal(status, 200);
    assert.deepEqual(events, []);
    assert.ok(Date.now() - started >= 900);
    assert.ok(Date.now() - started < 4000);
  });
});
