import assert from 'node:assert/strict';
import { CoreV1Api, KubeConfig, makeInformer, type V1ConfigMap } from '@kubernetes/client-node';
import { type LocalApiFixture, startLocalApi } from './local-api-fixture.ts';

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)),
  ]);
}

describe('local API server with a client-node informer', function () {
  this.timeout(30_000);
  let api: LocalApiFixture;

  before(async () => {
    api = await startLocalApi();
  });
  after(async () => {
    await api?.close();
  });

  it('lists, then watches: an update made after the list arrives', async () => {
    const config = new KubeConfig();
    config.loadFromFile(api.server.kubeconfigPath);
    const core = config.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'settings' }, data: { color: 'red' } },
    });
    const informer = makeInformer<V1ConfigMap>(config, '/api/v1/namespaces/default/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'default' }),
    );
    const added = new Promise<V1ConfigMap>((resolve) => informer.on('add', resolve));
    const updated = new Promise<V1ConfigMap>((resolve) => informer.on('update', resolve));
    const deleted = new Promise<V1ConfigMap>((resolve) => informer.on('delete', resolve));
    await informer.start();
    try {
      assert.equal((await within(5000, 'the listed ConfigMap', added)).data?.color, 'red');
      const current = await core.readNamespacedConfigMap({ name: 'settings', namespace: 'default' });
      await core.replaceNamespacedConfigMap({
        name: 'settings',
        namespace: 'default',
        body: { ...current, data: { color: 'blue' } },
      });
      assert.equal((await within(5000, 'the update event', updated)).data?.color, 'blue');
      await core.deleteNamespacedConfigMap({ name: 'settings', namespace: 'default' });
      assert.equal((await within(5000, 'the delete event', deleted)).metadata?.name, 'settings');
      assert.equal(informer.list('default').length, 0);
    } finally {
      await informer.stop();
    }
  });

  it('answers a stale update with a 409 Conflict Status', async () => {
    const config = new KubeConfig();
    config.loadFromFile(api.server.kubeconfigPath);
    const core = config.makeApiClient(CoreV1Api);
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'race' } } });
    await core.replaceNamespacedConfigMap({ name: 'race', namespace: 'default', body: { ...created, data: { a: '1' } } });
    await assert.rejects(
      core.replaceNamespacedConfigMap({ name: 'race', namespace: 'default', body: { ...created, data: { a: '2' } } }),
      (error: unknown) => (error as { code?: number }).code === 409,
    );
  });
});
