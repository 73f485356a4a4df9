// Pod volumes end to end on the real runtime: a pod mounting a Secret and a ConfigMap that do not exist yet
// waits in ContainerCreating with kubelet's FailedMount event, starts once they appear, and its process reads
// them at the mountPaths its manifest names (under LOCAL_CLUSTER_POD_ROOT); deleting the pod removes its
// volumes. An image the catalog knows to have no stand-in waits with the catalog's reason.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Pod } from '../../../src/runtime/kube-shapes.ts';
import { type Runtime, startRuntime } from '../../../src/runtime/runtime.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import type { ResourceKey } from '../../../src/store/object-store-contract.ts';
import { eventually } from '../../support/eventually.ts';
import { TEST_IMAGES, WEB_IMAGE } from '../../support/test-images.ts';

const NS = 'volumes-test';
const NAMESPACES: ResourceKey = { group: '', resource: 'namespaces' };
const PODS: ResourceKey = { group: '', resource: 'pods' };
const SECRETS: ResourceKey = { group: '', resource: 'secrets' };
const CONFIG_MAPS: ResourceKey = { group: '', resource: 'configmaps' };
const EVENTS: ResourceKey = { group: '', resource: 'events' };
const MESH_IMAGE = 'local-cluster-test/mesh-echo';

function readerPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'reader', namespace: NS },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: 'web',
          image: `${WEB_IMAGE}:dev`,
          volumeMounts: [
            { name: 'secret-volume', mountPath: '/etc/secret-volume' },
            { name: 'conf', mountPath: '/root' },
          ],
        },
      ],
      volumes: [
        { name: 'secret-volume', secret: { secretName: 'tls', items: [{ key: 'tls.crt', path: 'crt' }] } },
        { name: 'conf', configMap: { name: 'coredns', defaultMode: 420 } },
      ],
    },
  };
}

function fetchText(host: string, port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path: urlPath, agent: false, timeout: 3000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error('request timed out')));
    request.on('error', reject);
  });
}

/** Ready without a readiness probe means started, not listening: wait (bounded) for the first answer. */
async function answering(host: string, port: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fetchText(host, port, '/health');
      return;
    } catch (error) {
      if (attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('pod volumes (integration)', function () {
  this.timeout(60_000);
  let store: MemoryObjectStore;
  let runtime: Runtime;
  let stateDir: string;

  before(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'gauntlet-volumes-'));
    store = new MemoryObjectStore();
    const images = [...TEST_IMAGES, { repository: MESH_IMAGE, unavailable: 'the mesh profile is out of scope here' }];
    runtime = await startRuntime({ store, stateDir, kubeconfigForPods: path.join(stateDir, 'kubeconfig'), images });
    store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  });

  after(async () => {
    await runtime?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('waits in ContainerCreating with FailedMount until the Secret and ConfigMap exist, then serves their files', async () => {
    store.create(PODS, readerPod());
    const waiting = await eventually('pod reader reported waiting for its volumes', () => {
      const pod = store.get(PODS, NS, 'reader') as Pod | undefined;
      return pod?.status?.containerStatuses ? pod : undefined;
    });
    assert.equal(waiting.status?.phase, 'Pending');
    assert.deepEqual(waiting.status?.containerStatuses?.[0]?.state, { waiting: { reason: 'ContainerCreating' } });
    assert.equal(waiting.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status, 'False');
    const failedMounts = await eventually('FailedMount events for both volumes', () => {
      const messages = store
        .list(EVENTS, NS)
        .items.filter((event) => event.reason === 'FailedMount' && event.type === 'Warning')
        .map((event) => String(event.message));
      return messages.length === 2 ? messages.sort() : undefined;
    });
    assert.deepEqual(failedMounts, [
      'MountVolume.SetUp failed for volume "conf" : configmap "coredns" not found',
      'MountVolume.SetUp failed for volume "secret-volume" : secret "tls" not found',
    ]);

    store.create(SECRETS, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: NS }, data: { 'tls.crt': Buffer.from('CERT PEM').toString('base64') } });
    store.create(CONFIG_MAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: NS }, data: { Corefile: 'foo.bar.com:53 {\n  whoami\n}\n' } });
    const ready = await eventually(
      'pod reader ready once its volumes exist',
      () => {
        const pod = store.get(PODS, NS, 'reader') as Pod | undefined;
        return pod?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? pod : undefined;
      },
      { timeoutMs: 20_000 },
    );
    const podIP = ready.status?.podIP ?? '';
    const target = runtime.reach(podIP, 3000);
    await answering(target.host, target.port);
    assert.deepEqual(await fetchText(target.host, target.port, '/file?path=/etc/secret-volume/crt'), { status: 200, body: 'CERT PEM' });
    assert.deepEqual(await fetchText(target.host, target.port, '/file?path=/root/Corefile'), { status: 200, body: 'foo.bar.com:53 {\n  whoami\n}\n' });
    assert.equal((await fetchText(target.host, target.port, '/file?path=/etc/secret-volume/key')).status, 404, 'only the listed items are projected');

    const podDir = path.join(stateDir, 'kubelet', 'pods', ready.metadata.uid ?? '');
    assert.ok(existsSync(podDir));
    store.delete(PODS, NS, 'reader');
    await eventually('the pod gone with its volumes', () => !store.get(PODS, NS, 'reader') && !existsSync(podDir), { timeoutMs: 15_000 });
  });

  it("keeps a container of an image without a stand-in waiting with the catalog's reason", async () => {
    store.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'mesh', namespace: NS }, spec: { containers: [{ name: 'echo', image: `${MESH_IMAGE}:v1.5.1` }] } });
    const waiting = await eventually('pod mesh waiting', () => (store.get(PODS, NS, 'mesh') as Pod | undefined)?.status?.containerStatuses?.[0]?.state.waiting);
    assert.deepEqual(waiting, {
      reason: 'ErrImagePull',
      message: `image "${MESH_IMAGE}:v1.5.1" cannot run in the local cluster: the mesh profile is out of scope here`,
    });
  });
});
