import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocalCluster, startLocalCluster } from '@gauntlet/local-cluster';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { createPodLogSource } from '../../../harness/traffic/mirror/pod-logs.ts';

describe('createPodLogSource against the local API server', function () {
  this.timeout(20_000);
  let stateDir: string;
  let cluster: LocalCluster;
  let config: KubeConfig;
  // The pods' logs are read since before they started.
  const since = new Date(Date.now() - 1000);

  before(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'gauntlet-pod-logs-'));
    // A pod of an image that logs one request line, and one of an image the cluster cannot run (no log).
    const script = fileURLToPath(new URL('../../fixtures/log-one-request.ts', import.meta.url));
    cluster = await startLocalCluster({ stateDir, images: [{ repository: 'test/logs-one-request', script }] });
    config = new KubeConfig();
    config.loadFromFile(cluster.kubeconfigPath);
    const core = config.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'mirror-ns' } } });
    const pod = (name: string, image: string) => ({ metadata: { name, labels: { app: 'infra-backend-v2' } }, spec: { containers: [{ name: 'echo', image }] } });
    await core.createNamespacedPod({ namespace: 'mirror-ns', body: pod('infra-backend-v2-abc-def', 'test/logs-one-request') });
    await core.createNamespacedPod({ namespace: 'mirror-ns', body: pod('not-started', 'unknown/image') });
    // Bounded wait for the pod's one line.
    for (let tries = 0; tries < 100; tries++) {
      const log = await core.readNamespacedPodLog({ namespace: 'mirror-ns', name: 'infra-backend-v2-abc-def' }).catch(() => '');
      if (log.includes('request')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  after(async () => {
    await cluster.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("lists a namespace's pods with their first container and labels, and reads a pod's log through pods/log", async () => {
    const source = createPodLogSource(config);
    const pods = await source.pods('mirror-ns');
    const started = pods.find((pod) => pod.name === 'infra-backend-v2-abc-def');
    assert.deepEqual(started, { namespace: 'mirror-ns', name: 'infra-backend-v2-abc-def', container: 'echo', labels: { app: 'infra-backend-v2' } });
    if (!started) return;
    assert.equal(await source.log(started, since), '{"msg":"request","path":"/mirror?gauntlet-request-id=1"}\n');
  });

  it('rejects for a pod without a log, so the mirror check can say which pod it could not read', async () => {
    const source = createPodLogSource(config);
    const [pod] = (await source.pods('mirror-ns')).filter((item) => item.name === 'not-started');
    assert.ok(pod);
    await assert.rejects(source.log(pod, since));
  });
});
