import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { type ApiServer, startApiServer } from '../../../harness/cluster/local/api/api-server.ts';
import { podLogPath } from '../../../harness/cluster/local/api/pod-log-handler.ts';
import { MemoryObjectStore } from '../../../harness/cluster/local/store/memory-object-store.ts';
import { createPodLogSource } from '../../../harness/traffic/mirror/pod-logs.ts';

describe('createPodLogSource against the local API server', function () {
  this.timeout(20_000);
  let stateDir: string;
  let server: ApiServer;
  let config: KubeConfig;

  before(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'gauntlet-pod-logs-'));
    server = await startApiServer({ store: new MemoryObjectStore(), stateDir });
    config = new KubeConfig();
    config.loadFromFile(server.kubeconfigPath);
    const core = config.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'mirror-ns' } } });
    const pod = (name: string) => ({ metadata: { name, labels: { app: 'infra-backend-v2' } }, spec: { containers: [{ name: 'echo', image: 'gateway-gauntlet/echo' }] } });
    await core.createNamespacedPod({ namespace: 'mirror-ns', body: pod('infra-backend-v2-abc-def') });
    await core.createNamespacedPod({ namespace: 'mirror-ns', body: pod('not-started') });
    const file = podLogPath(stateDir, 'mirror-ns', 'infra-backend-v2-abc-def');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{"msg":"request","path":"/mirror?gauntlet-request-id=1"}\n');
  });

  after(async () => {
    await server.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("lists a namespace's pods with their first container and labels, and reads a pod's log through pods/log", async () => {
    const source = createPodLogSource(config);
    const pods = await source.pods('mirror-ns');
    const started = pods.find((pod) => pod.name === 'infra-backend-v2-abc-def');
    assert.deepEqual(started, { namespace: 'mirror-ns', name: 'infra-backend-v2-abc-def', container: 'echo', labels: { app: 'infra-backend-v2' } });
    if (!started) return;
    assert.equal(await source.log(started, new Date()), '{"msg":"request","path":"/mirror?gauntlet-request-id=1"}\n');
  });

  it('rejects for a pod without a log, so the mirror check can say which pod it could not read', async () => {
    const source = createPodLogSource(config);
    const [pod] = (await source.pods('mirror-ns')).filter((item) => item.name === 'not-started');
    assert.ok(pod);
    await assert.rejects(source.log(pod, new Date()));
  });
});
