// The local runtime end to end, on the real MemoryObjectStore: a Deployment of the echo image becomes
// ready pods on their own loopback addresses, an EndpointSlice and a LoadBalancer address follow, real
// HTTP through that address reaches both pods, a template change rolls out, an unknown image stays
// Pending with ErrImagePull, and deleting the Deployment leaves no process behind.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Deployment, EndpointSlice, Pod, ReplicaSet, Service } from '../../../src/runtime/kube-shapes.ts';
import { isAlive } from '../../../src/runtime/recorded-pods.ts';
import { type Runtime, startRuntime } from '../../../src/runtime/runtime.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import type { KubeObject, ResourceKey } from '../../../src/store/object-store-contract.ts';
import { eventually as pollUntil } from '../../support/eventually.ts';
import { TEST_IMAGES, WEB_IMAGE } from '../../support/test-images.ts';

/** Waits as this file always did: 20 s unless told, probing every 100 ms. */
const eventually = <T>(what: string, probe: () => T | undefined | false, options: { timeoutMs?: number } = {}) =>
  pollUntil(what, probe, { timeoutMs: options.timeoutMs ?? 20_000, intervalMs: 100 });


const NAMESPACES: ResourceKey = { group: '', resource: 'namespaces' };
const PODS: ResourceKey = { group: '', resource: 'pods' };
const SERVICES: ResourceKey = { group: '', resource: 'services' };
const DEPLOYMENTS: ResourceKey = { group: 'apps', resource: 'deployments' };
const REPLICA_SETS: ResourceKey = { group: 'apps', resource: 'replicasets' };
const ENDPOINT_SLICES: ResourceKey = { group: 'discovery.k8s.io', resource: 'endpointslices' };
const EVENTS: ResourceKey = { group: '', resource: 'events' };

/** "Kind/name Reason: message" of every Event in the test namespace. */
function eventLines(store: MemoryObjectStore): string[] {
  return store.list(EVENTS, NS).items.map((e) => {
    const involved = e.involvedObject as { kind: string; name: string };
    return `${involved.kind}/${involved.name} ${String(e.reason)}: ${String(e.message)}`;
  });
}
const NS = 'runtime-test';

function getJson(host: string, port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path: '/probe', agent: false, timeout: 3000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    request.on('timeout', () => request.destroy(new Error('request timed out')));
    request.on('error', reject);
  });
}

function echoDeployment(name: string, image: string, replicas: number): Deployment {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: 2,
          containers: [
            {
              name: 'echo',
              image,
              ports: [{ name: 'http', containerPort: 3000 }],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'SERVICE_NAME', value: name },
              ],
              readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
            },
          ],
        },
      },
    },
  };
}

function podsOf(store: MemoryObjectStore, app: string): Pod[] {
  return (store.list(PODS, NS).items as Pod[]).filter((pod) => pod.metadata.labels?.app === app);
}

function condition(object: KubeObject, type: string) {
  const conditions = (object.status as { conditions?: { type: string; status: string; reason?: string }[] } | undefined)?.conditions;
  return conditions?.find((c) => c.type === type);
}

describe('local runtime (integration)', function () {
  this.timeout(90_000);
  let store: MemoryObjectStore;
  let runtime: Runtime;
  let stateDir: string;
  const logLines: string[] = [];

  before(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'gauntlet-runtime-'));
    store = new MemoryObjectStore();
    runtime = await startRuntime({
      store,
      stateDir,
      kubeconfigForPods: path.join(stateDir, 'kubeconfig'),
      images: TEST_IMAGES,
      log: (line) => logLines.push(line),
    });
    store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  });

  after(async () => {
    await runtime?.stop();
    const pids = (await readFile(path.join(stateDir, 'pids'), 'utf8')).split('\n').filter(Boolean);
    assert.deepEqual(pids, [], 'stop() leaves no pod process recorded');
    // The one line a healthy start logs names the cluster's addresses; anything else is a failure.
    assert.deepEqual(
      logLines.filter((line) => !line.startsWith('runtime: node ')),
      [],
      'the runtime logged no failure',
    );
    await rm(stateDir, { recursive: true, force: true });
  });

  it('runs a Deployment as ready pods behind an EndpointSlice and a LoadBalancer address', async () => {
    store.create(DEPLOYMENTS, echoDeployment('echo', `${WEB_IMAGE}:dev`, 2));
    store.create(SERVICES, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo', namespace: NS },
      spec: { type: 'LoadBalancer', selector: { app: 'echo' }, ports: [{ name: 'web', port: 8080, targetPort: 'http', protocol: 'TCP' }] },
    });

    const deployment = await eventually('deployment echo with 2 available replicas', () => {
      const d = store.get(DEPLOYMENTS, NS, 'echo') as Deployment | undefined;
      return d?.status?.availableReplicas === 2 && condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable' ? d : undefined;
    });
    assert.equal(deployment.status?.readyReplicas, 2);
    assert.equal(deployment.status?.updatedReplicas, 2);
    assert.equal(deployment.status?.observedGeneration, deployment.metadata.generation);
    assert.deepEqual(
      { status: condition(deployment, 'Available')?.status, reason: condition(deployment, 'Available')?.reason },
      { status: 'True', reason: 'MinimumReplicasAvailable' },
    );

    const pods = podsOf(store, 'echo');
    assert.equal(pods.length, 2);
    const [replicaSet] = store.list(REPLICA_SETS, NS).items;
    assert.ok(replicaSet);
    const hash = replicaSet.metadata.labels?.['pod-template-hash'] ?? '';
    assert.equal(replicaSet.metadata.name, `echo-${hash}`);
    for (const pod of pods) {
      assert.match(pod.metadata.name, new RegExp(`^echo-${hash}-[a-z0-9]{5}$`));
      assert.equal(pod.metadata.labels?.['pod-template-hash'], hash);
      assert.equal(pod.metadata.ownerReferences?.[0]?.uid, replicaSet.metadata.uid);
      assert.equal(pod.status?.phase, 'Running');
      assert.match(pod.status?.podIP ?? '', /^127\.10\.\d+\.\d+$/);
      assert.equal(pod.status?.hostIP, runtime.nodeAddress);
      assert.equal(condition(pod, 'Ready')?.status, 'True');
      assert.equal(pod.status?.containerStatuses?.[0]?.ready, true);
    }
    assert.notEqual(pods[0]?.status?.podIP, pods[1]?.status?.podIP);

    const slice = await eventually('an EndpointSlice with 2 ready endpoints', () =>
      (store.list(ENDPOINT_SLICES, NS).items as EndpointSlice[]).find(
        (s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'echo' && s.endpoints.filter((e) => e.conditions.ready).length === 2,
      ),
    );
    assert.equal(slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
    assert.equal(slice.addressType, 'IPv4');
    assert.deepEqual(slice.ports, [{ name: 'web', port: 3000, protocol: 'TCP' }]);
    assert.deepEqual(slice.endpoints.map((e) => e.addresses[0]).sort(), pods.map((p) => p.status?.podIP).sort());

    const ip = await eventually('a LoadBalancer ingress address', () => {
      const service = store.get(SERVICES, NS, 'echo') as Service | undefined;
      return service?.status?.loadBalancer?.ingress?.[0]?.ip;
    });
    assert.match(ip, /^127\.20\.\d+\.\d+$/);

    const answeredBy = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const response = await getJson(ip, 8080);
      assert.equal(response.status, 200);
      answeredBy.add(String(response.body.pod));
    }
    assert.deepEqual([...answeredBy].sort(), pods.map((p) => p.metadata.name).sort());

    const pids = (await readFile(path.join(stateDir, 'pids'), 'utf8')).split('\n').filter(Boolean).map((line) => Number(line.split(' ')[0]));
    assert.equal(pids.length, 2);
    assert.ok(pids.every(isAlive));

    const events = eventLines(store);
    const [first] = pods;
    assert.ok(events.includes(`Deployment/echo ScalingReplicaSet: Scaled up replica set ${replicaSet.metadata.name} from 0 to 2`), events.join('\n'));
    assert.ok(events.includes(`ReplicaSet/${replicaSet.metadata.name} SuccessfulCreate: Created pod: ${first?.metadata.name}`));
    assert.ok(events.includes(`Pod/${first?.metadata.name} Scheduled: Successfully assigned ${NS}/${first?.metadata.name} to gauntlet-local`));
    assert.ok(events.includes(`Pod/${first?.metadata.name} Started: Started container echo`));
    assert.ok(events.includes('Service/echo EnsuredLoadBalancer: Ensured load balancer'));
  });

  it('rolls a template change out to a new ReplicaSet and scales the old one to zero', async () => {
    const current = store.get(DEPLOYMENTS, NS, 'echo') as Deployment;
    const oldPods = podsOf(store, 'echo').map((p) => p.metadata.name);
    current.spec.template.spec.containers[0]?.env?.push({ name: 'VERSION', value: '2' });
    store.update(DEPLOYMENTS, current);

    const done = await eventually('the rollout to finish', () => {
      const d = store.get(DEPLOYMENTS, NS, 'echo') as Deployment;
      const complete =
        d.status?.observedGeneration === d.metadata.generation &&
        d.status?.updatedReplicas === 2 &&
        d.status?.replicas === 2 &&
        d.status?.availableReplicas === 2 &&
        condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable';
      return complete ? d : undefined;
    });
    assert.equal(done.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    const replicaSets = store.list(REPLICA_SETS, NS).items as ReplicaSet[];
    assert.equal(replicaSets.length, 2);
    assert.deepEqual(replicaSets.map((rs) => rs.spec.replicas).sort(), [0, 2]);
    const newPods = await eventually('old pods gone', () => {
      const names = podsOf(store, 'echo').map((p) => p.metadata.name);
      return names.length === 2 && names.every((n) => !oldPods.includes(n)) ? names : undefined;
    });
    assert.equal(newPods.length, 2);
  });

  it('rolls back to the previous template by reusing its ReplicaSet as the newest revision', async () => {
    const current = store.get(DEPLOYMENTS, NS, 'echo') as Deployment;
    const container = current.spec.template.spec.containers[0];
    if (container) container.env = container.env?.filter((variable) => variable.name !== 'VERSION');
    store.update(DEPLOYMENTS, current);
    const done = await eventually('the rollback to finish', () => {
      const d = store.get(DEPLOYMENTS, NS, 'echo') as Deployment;
      return d.status?.observedGeneration === d.metadata.generation &&
        d.status?.updatedReplicas === 2 &&
        d.status?.replicas === 2 &&
        condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable'
        ? d
        : undefined;
    });
    assert.equal(done.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    const replicaSets = store.list(REPLICA_SETS, NS).items as ReplicaSet[];
    assert.equal(replicaSets.length, 2, 'no third ReplicaSet: the first one is reused');
    const active = replicaSets.find((rs) => rs.spec.replicas === 2);
    assert.equal(active?.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  });

  it('scales down: removes a pod, its process and its endpoint', async () => {
    const before = podsOf(store, 'echo');
    const current = store.get(DEPLOYMENTS, NS, 'echo') as Deployment;
    current.spec.replicas = 1;
    store.update(DEPLOYMENTS, current);
    await eventually('one ready replica', () => {
      const d = store.get(DEPLOYMENTS, NS, 'echo') as Deployment;
      return d.status?.replicas === 1 && d.status?.readyReplicas === 1 && podsOf(store, 'echo').length === 1 ? d : undefined;
    });
    const [kept] = podsOf(store, 'echo');
    assert.ok(before.some((p) => p.metadata.name === kept?.metadata.name));
    await eventually('one endpoint left', () =>
      (store.list(ENDPOINT_SLICES, NS).items as EndpointSlice[]).find((s) => s.endpoints.length === 1),
    );
    await eventually('one pid recorded', () => (readFileSync(path.join(stateDir, 'pids'), 'utf8').trim().split('\n').length === 1 ? true : undefined));
    const log = readFileSync(path.join(stateDir, 'pods', `${NS}_${kept?.metadata.name}.log`), 'utf8');
    assert.match(log, /listening on 127\./);
  });

  it('deletes a pod gracefully: a terminating endpoint, then the process stopped and the pod gone within its grace period', async () => {
    const [victim] = podsOf(store, 'echo');
    assert.ok(victim);
    const victimPid = Number(/^process:\/\/(\d+)$/.exec(victim.status?.containerStatuses?.[0]?.containerID ?? '')?.[1]);
    assert.ok(isAlive(victimPid));
    // The echo server exits at once on SIGTERM: the terminating endpoint lives for milliseconds, so watch for it.
    const seen: EndpointSlice['endpoints'][number]['conditions'][] = [];
    const stopWatch = store.watch(ENDPOINT_SLICES, NS, store.resourceVersion, ({ object }) => {
      const endpoint = (object as EndpointSlice).endpoints.find((e) => e.targetRef.name === victim.metadata.name);
      if (endpoint) seen.push(endpoint.conditions);
    });
    const endpointOf = () =>
      (store.list(ENDPOINT_SLICES, NS).items as EndpointSlice[])
        .flatMap((slice) => slice.endpoints)
        .find((endpoint) => endpoint.targetRef.name === victim.metadata.name);
    const started = Date.now();
    const marked = store.delete(PODS, NS, victim.metadata.name);
    assert.ok(marked.metadata.deletionTimestamp);
    assert.equal((marked.metadata as { deletionGracePeriodSeconds?: number }).deletionGracePeriodSeconds, 2);
    await eventually('the pod to be gone', () => (store.get(PODS, NS, victim.metadata.name) ? undefined : true), { timeoutMs: 5000 });
    assert.ok(Date.now() - started < 2500, 'removed within the 2 s grace period');
    assert.equal(isAlive(victimPid), false);
    await eventually('its endpoint to be gone', () => (endpointOf() ? undefined : true), { timeoutMs: 2000 });
    stopWatch();
    assert.ok(seen.length > 0, 'the endpoint was published as terminating');
    for (const conditions of seen) assert.deepEqual(conditions, { ready: false, serving: true, terminating: true });
    await eventually('a ready replacement', () => {
      const d = store.get(DEPLOYMENTS, NS, 'echo') as Deployment;
      return d.status?.readyReplicas === 1 && podsOf(store, 'echo').length === 1 ? d : undefined;
    });
    await eventually('one pid recorded', () => (readFileSync(path.join(stateDir, 'pids'), 'utf8').trim().split('\n').length === 1 ? true : undefined));
  });

  it('keeps a pod of an unknown image Pending with ErrImagePull and a message saying what to do', async () => {
    store.create(DEPLOYMENTS, echoDeployment('nginx', 'docker.io/library/nginx:1.27', 1));
    const waiting = await eventually('an ErrImagePull container status', () => {
      const [pod] = podsOf(store, 'nginx');
      return pod?.status?.containerStatuses?.[0]?.state.waiting?.reason === 'ErrImagePull' ? pod : undefined;
    });
    assert.equal(waiting.status?.phase, 'Pending');
    assert.equal(condition(waiting, 'Ready')?.status, 'False');
    const message = waiting.status?.containerStatuses?.[0]?.state.waiting?.message ?? '';
    assert.match(message, /local-cluster-test\/web:<tag>/);
    assert.match(message, /use a real cluster/);
    const deployment = store.get(DEPLOYMENTS, NS, 'nginx') as Deployment;
    assert.equal(condition(deployment, 'Available')?.status, 'False');
    assert.ok(eventLines(store).includes(`Pod/${waiting.metadata.name} Failed: Error: ErrImagePull`));
  });

  it('stops every process of a deleted Deployment and closes the address of a deleted Service', async () => {
    const pidFile = path.join(stateDir, 'pids');
    const pids = readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number);
    assert.equal(pids.length, 1);
    const ip = (store.get(SERVICES, NS, 'echo') as Service).status?.loadBalancer?.ingress?.[0]?.ip ?? '';
    store.delete(DEPLOYMENTS, NS, 'echo');
    store.delete(DEPLOYMENTS, NS, 'nginx');
    store.delete(SERVICES, NS, 'echo');
    // The store collects the pods with their owners, gracefully: the kubelet removes them once stopped.
    await eventually('the pods to be gone', () => (podsOf(store, 'echo').length + podsOf(store, 'nginx').length === 0) || undefined, { timeoutMs: 6000 });
    await eventually('every pod process to exit', () => pids.every((pid) => !isAlive(pid)) || undefined);
    await eventually('the pid file to be empty', () => readFileSync(pidFile, 'utf8') === '' || undefined);
    let refused = false;
    for (let attempt = 0; attempt < 50 && !refused; attempt++) {
      await getJson(ip, 8080).catch((error: NodeJS.ErrnoException) => {
        refused = error.code === 'ECONNREFUSED';
      });
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(refused, `connections to ${ip}:8080 are refused once the Service is gone`);
  });
});
