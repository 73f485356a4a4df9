import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, makeInformer, type V1ConfigMap } from '@kubernetes/client-node';
import { type ApiServer, startApiServer } from '../../../src/api/api-server.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';
import { eventually } from '../../support/eventually.ts';

const CONFIGMAPS = { group: '', resource: 'configmaps' };

function configMap(name: string, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { name } };
}

describe('a client-node informer through API server disruptions', function () {
  this.timeout(60_000);
  let stateDir: string;
  let store: MemoryObjectStore;
  let server: ApiServer;
  let informer: ReturnType<typeof makeInformer<V1ConfigMap>> | undefined;
  let lists = 0;
  let errors = 0;
  let stopped = false;

  before(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'gauntlet-informer-'));
    store = new MemoryObjectStore();
    server = await startApiServer({ store, stateDir });
    store.create(CONFIGMAPS, configMap('first'));
    const config = new KubeConfig();
    config.loadFromFile(server.kubeconfigPath);
    const core = config.makeApiClient(CoreV1Api);
    informer = makeInformer<V1ConfigMap>(config, '/api/v1/namespaces/default/configmaps', () => {
      lists += 1;
      return core.listNamespacedConfigMap({ namespace: 'default' });
    });
    // As a controller does: client-node's informer stops on any error but 410; start it again after a pause.
    informer.on('error', () => {
      errors += 1;
      if (!stopped) setTimeout(() => void informer?.start().catch(() => {}), 200).unref();
    });
    await informer.start();
  });
  after(async () => {
    stopped = true;
    await informer?.stop();
    await server?.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  const cached = () => (informer?.list('default') ?? []).map((item) => item.metadata?.name).sort();

  it('lists, then watches', async () => {
    assert.deepEqual(cached(), ['first']);
    assert.equal(lists, 1);
    store.create(CONFIGMAPS, configMap('second'));
    await eventually('the watched ConfigMap', () => cached().includes('second'));
  });

  it('lists again after a 410 Gone for a watch whose resourceVersion was compacted away', async () => {
    store.delete(CONFIGMAPS, 'default', 'first');
    // A write elsewhere moves the global resourceVersion past what this informer saw; compaction then forgets it.
    store.create(CONFIGMAPS, configMap('elsewhere', 'kube-system'));
    store.compact();
    server.endWatches();
    await eventually('a second list after the 410', () => lists === 2, { timeoutMs: 10_000 });
    await eventually('the cache after the list', () => JSON.stringify(cached()) === JSON.stringify(['second']));
    store.create(CONFIGMAPS, configMap('third'));
    await eventually('a change watched after the relist', () => cached().includes('third'));
  });

  it('resumes watching from where it was after the API server restarts on the same port, CA and store', async () => {
    const { port, certificates } = server;
    await server.close();
    // Changes made while the server is down are in the store's history: the resumed watch delivers them.
    store.create(CONFIGMAPS, configMap('while-down'));
    await eventually('the informer noticing the server is gone', () => errors > 0, { timeoutMs: 10_000 });
    server = await startApiServer({ store, stateDir, port, certificates });
    await eventually('the change made while the server was down', () => cached().includes('while-down'), { timeoutMs: 15_000 });
    assert.equal(lists, 2, 'resumed from its resourceVersion: no list needed');
    store.update(CONFIGMAPS, { ...configMap('second'), data: { name: 'changed' } });
    await eventually('an update after the restart', () => informer?.get('second', 'default')?.data?.name === 'changed');
  });
});
