import assert from 'node:assert/strict';
import { request } from 'node:https';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';
import { type LocalApiFixture, startLocalApi } from './local-api-fixture.ts';

const CONFIGMAPS = { group: '', resource: 'configmaps' };

interface ListAnswer {
  status: number;
  body: { items?: KubeObject[]; metadata?: { continue?: string; remainingItemCount?: number; resourceVersion?: string }; reason?: string; message?: string };
}

describe('paged lists, with the real kubectl and over HTTP', function () {
  this.timeout(60_000);
  let api: LocalApiFixture;

  before(async () => {
    api = await startLocalApi();
    for (let i = 0; i < 7; i++) api.store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' } });
  });
  after(async () => {
    await api?.close();
  });

  function get(path: string): Promise<ListAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(`${api.server.url}${path}`, { ca: api.server.caCertPem, timeout: 5000 }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
      req.on('error', reject);
      req.end();
    });
  }

  it('serves kubectl get --chunk-size page by page', async () => {
    const result = await api.kubectlResult(['get', 'configmaps', '--chunk-size=3', '-o', 'name', '-v=6']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n'), ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((name) => `configmap/${name}`));
    const requests = result.stderr.split('\n').filter((line) => /GET .*\/configmaps\?/.test(line));
    assert.equal(requests.length, 3, requests.join('\n'));
    assert.match(requests[1] ?? '', /continue=/);
  });

  it('answers a continue token whose snapshot was compacted with 410 Expired and a token that resumes', async () => {
    const first = await get('/api/v1/namespaces/default/configmaps?limit=4');
    assert.equal(first.body.metadata?.remainingItemCount, 3);
    api.store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c7', namespace: 'default' } });
    api.store.compact();
    const expired = await get(`/api/v1/namespaces/default/configmaps?limit=4&continue=${first.body.metadata?.continue ?? ''}`);
    assert.equal(expired.status, 410);
    assert.equal(expired.body.reason, 'Expired');
    const resumed = await get(`/api/v1/namespaces/default/configmaps?limit=4&continue=${expired.body.metadata?.continue ?? ''}`);
    assert.deepEqual(resumed.body.items?.map((item) => item.metadata.name), ['c4', 'c5', 'c6', 'c7']);
  });
});
