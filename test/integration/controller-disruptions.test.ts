// The reference controller against the local API server (no runtime: only the API matters here) through the
// disruptions a real cluster inflicts on controllers: watches ended with their history compacted away (the
// informers get 410 Gone and list again) and an API server restart on the same port, CA and store. After each,
// a change to a Gateway must reach the controller and its status must be written for the new generation.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiServer, MemoryObjectStore, startApiServer } from '@gauntlet/local-cluster';
import { locateGatewayApiCrds } from '../../harness/kube/gateway-api-crds.ts';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { DEFAULT_CONTROLLER_NAME } from '../../reference-impl/controller/controller-settings.ts';
import { eventually } from '../support/eventually.ts';
import { kubectlFor } from '../support/kubectl.ts';

const GATEWAYS = { group: 'gateway.networking.k8s.io', resource: 'gateways' };
const CONFIGMAPS = { group: '', resource: 'configmaps' };

const MANIFESTS = `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: gauntlet }
spec: { controllerName: ${DEFAULT_CONTROLLER_NAME} }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: default }
spec:
  gatewayClassName: gauntlet
  listeners: [{ name: http, port: 80, protocol: HTTP }]
`;

/** Records the resources whose watches were refused with 410 Gone (their resourceVersion compacted away). */
class ObservedStore extends MemoryObjectStore {
  readonly expiredWatches: string[] = [];
  override watch(...args: Parameters<MemoryObjectStore['watch']>): ReturnType<MemoryObjectStore['watch']> {
    try {
      return super.watch(...args);
    } catch (error) {
      if ((error as { code?: number }).code === 410) this.expiredWatches.push(args[0].resource);
      throw error;
    }
  }
}

interface Condition {
  type: string;
  status: string;
  observedGeneration?: number;
}

describe('the reference controller through API server disruptions', function () {
  this.timeout(120_000);
  let stateDir: string;
  let store: ObservedStore;
  let server: ApiServer;
  let controller: ChildProcess | undefined;
  let controllerLog = '';

  before(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'gauntlet-controller-disruptions-'));
    store = new ObservedStore();
    server = await startApiServer({ store, stateDir });
    const kubectl = kubectlFor(server.kubeconfigPath, join(stateDir, 'kube-cache'));
    const bundle = locateGatewayApiCrds();
    assert.ok(bundle, 'the Gateway API CRDs (the mocha global setup resolves them)');
    await kubectl.run(['apply', '--server-side', '-f', bundle.path]);
    await kubectl.run(['wait', '--for=condition=Established', 'crd/gateways.gateway.networking.k8s.io', '--timeout=20s']);
    await kubectl.run(['apply', '--server-side', '-f', '-'], MANIFESTS);
    // The config server binds a loopback address of its own: other tests may use the port elsewhere.
    const podIp = `127.77.${randomInt(1, 255)}.${randomInt(1, 255)}`;
    controller = spawn(process.execPath, [join(projectRoot, 'reference-impl/controller/main.ts')], {
      cwd: projectRoot,
      env: { ...process.env, KUBECONFIG: server.kubeconfigPath, POD_IP: podIp, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [controller.stdout, controller.stderr]) stream?.on('data', (chunk: Buffer) => (controllerLog += chunk.toString()));
  });

  after(async () => {
    if (controller?.exitCode === null) {
      const exited = new Promise((resolve) => controller?.once('exit', resolve));
      controller.kill('SIGTERM');
      const timer = setTimeout(() => controller?.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await server?.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  /** Changes the Gateway's spec (a new generation) and waits for the controller to accept that generation. */
  async function expectStatusForNextGeneration(what: string, port: number): Promise<void> {
    const current = store.get(GATEWAYS, 'default', 'edge');
    assert.ok(current);
    const updated = store.update(GATEWAYS, { ...current, spec: { gatewayClassName: 'gauntlet', listeners: [{ name: 'http', port, protocol: 'HTTP' }] } });
    const generation = updated.metadata.generation;
    await eventually(
      `the Gateway's Accepted condition for generation ${generation} ${what}`,
      () => {
        const conditions = ((store.get(GATEWAYS, 'default', 'edge')?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
        return conditions.some((c) => c.type === 'Accepted' && c.status === 'True' && c.observedGeneration === generation);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\ncontroller log:\n${controllerLog.slice(-4000)}`);
    });
  }

  it('accepts the Gateway once it has listed and watched everything', async () => {
    await expectStatusForNextGeneration('at start', 8080);
  });

  it('converges after its watches end and their resourceVersions are compacted away (410 Gone, list again)', async () => {
    store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unwatched', namespace: 'default' } });
    store.compact();
    server.endWatches();
    await expectStatusForNextGeneration('after the 410', 8081);
    assert.ok(store.expiredWatches.includes('gateways'), `the Gateway watch got 410 Gone (expired: ${store.expiredWatches.join(', ')})`);
  });

  it('converges after the API server restarts on the same port, with the same CA and store', async () => {
    const { port, certificates } = server;
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    server = await startApiServer({ store, stateDir, port, certificates });
    await expectStatusForNextGeneration('after the restart', 8082);
    assert.equal(controller?.exitCode, null, `the controller is still running:\n${controllerLog.slice(-2000)}`);
  });
});
