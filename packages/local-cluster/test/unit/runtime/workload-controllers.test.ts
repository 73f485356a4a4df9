// The Deployment and ReplicaSet controllers on the real MemoryObjectStore, without processes: the test
// plays the kubelet's part by marking pods Ready, so every step of a rollout can be checked.
import assert from 'node:assert/strict';
import { startDeploymentController } from '../../../src/runtime/deployment-controller.ts';
import type { Deployment, Pod, ReplicaSet } from '../../../src/runtime/kube-shapes.ts';
import { type Controller, startReplicaSetController } from '../../../src/runtime/replicaset-controller.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import type { ResourceKey } from '../../../src/store/object-store-contract.ts';
import { eventually as pollUntil } from '../../support/eventually.ts';

/** The store and controllers are in-process: a second is plenty, probed every 5 ms. */
const eventually = <T>(what: string, probe: () => T | undefined) => pollUntil(what, probe, { timeoutMs: 1000, intervalMs: 5 });

const PODS: ResourceKey = { group: '', resource: 'pods' };
const DEPLOYMENTS: ResourceKey = { group: 'apps', resource: 'deployments' };
const REPLICA_SETS: ResourceKey = { group: 'apps', resource: 'replicasets' };

function deployment(strategy?: Deployment['spec']['strategy']): Deployment {
  const labels = { app: 'web' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'gateway-gauntlet/echo:1' }] } },
      ...(strategy ? { strategy } : {}),
    },
  };
}

describe('Deployment and ReplicaSet controllers', () => {
  let store: MemoryObjectStore;
  let controllers: Controller[];
  const pods = () => store.list(PODS, 'default').items as Pod[];
  const hashOf = (pod: Pod) => pod.metadata.labels?.['pod-template-hash'];
  const replicaSets = () => store.list(REPLICA_SETS, 'default').items as ReplicaSet[];
  const markReady = (pod: Pod) =>
    store.update(
      PODS,
      { ...pod, status: { phase: 'Running', podIP: '127.10.0.1', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] } },
      { subresource: 'status' },
    );
  const isReady = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
  const settled = () =>
    eventually('a settled Deployment', () => {
      const d = store.get(DEPLOYMENTS, 'default', 'web') as Deployment;
      const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
      return d.status?.observedGeneration === d.metadata.generation && progressing?.reason === 'NewReplicaSetAvailable' ? d : undefined;
    });

  beforeEach(() => {
    store = new MemoryObjectStore();
    controllers = [startDeploymentController(store, () => {}), startReplicaSetController(store, () => {})];
  });
  afterEach(async () => {
    await Promise.all(controllers.map((c) => c.stop()));
  });

  async function readyDeployment(strategy?: Deployment['spec']['strategy']): Promise<string> {
    store.create(DEPLOYMENTS, deployment(strategy));
    const created = await eventually('two pods', () => (pods().length === 2 ? pods() : undefined));
    for (const pod of created) markReady(pod);
    await settled();
    return hashOf(created[0] as Pod) ?? '';
  }

  function changeTemplate(): void {
    const current = store.get(DEPLOYMENTS, 'default', 'web') as Deployment;
    const container = current.spec.template.spec.containers[0];
    if (container) container.image = 'gateway-gauntlet/echo:2';
    store.update(DEPLOYMENTS, current);
  }

  it('creates a ReplicaSet named after the template hash, and pods named after the ReplicaSet', async () => {
    const hash = await readyDeployment();
    const [replicaSet] = replicaSets();
    assert.equal(replicaSet?.metadata.name, `web-${hash}`);
    assert.deepEqual(replicaSet?.spec.selector.matchLabels, { app: 'web', 'pod-template-hash': hash });
    for (const pod of pods()) {
      assert.match(pod.metadata.name, new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
      assert.equal(pod.metadata.ownerReferences?.[0]?.controller, true);
    }
    const status = replicaSet?.status;
    assert.deepEqual([status?.replicas, status?.readyReplicas, status?.availableReplicas], [2, 2, 2]);
  });

  it('rolls out new pods first and removes old ones only as new ones become Ready', async () => {
    const oldHash = await readyDeployment();
    changeTemplate();
    // maxSurge 1 (25% of 2, rounded up), maxUnavailable 0: one new pod, both old pods stay.
    const surged = await eventually('a surge pod', () => (pods().length === 3 ? pods() : undefined));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(pods().filter((p) => hashOf(p) === oldHash).length, 2, 'no old pod goes while the new one is not Ready');

    for (let round = 0; round < 4 && pods().some((p) => hashOf(p) === oldHash); round++) {
      for (const pod of pods().filter((p) => hashOf(p) !== oldHash && !isReady(p))) markReady(pod);
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.ok(pods().length <= 3, 'never more than replicas + maxSurge pods');
      assert.ok(pods().filter(isReady).length >= 2, 'never fewer than replicas - maxUnavailable ready pods');
    }
    const d = await settled();
    assert.equal(surged.length, 3);
    assert.deepEqual(d.status && [d.status.replicas, d.status.updatedReplicas, d.status.availableReplicas], [2, 2, 2]);
    assert.deepEqual(replicaSets().map((rs) => rs.spec.replicas).sort(), [0, 2]);
  });

  it('with Recreate, deletes every old pod before creating a new one', async () => {
    const oldHash = await readyDeployment({ type: 'Recreate' });
    const changes: string[] = [];
    const stop = store.watch(PODS, 'default', store.resourceVersion, ({ type, object }) => {
      if (type !== 'MODIFIED') changes.push(`${type} ${hashOf(object as Pod) === oldHash ? 'old' : 'new'}`);
    });
    changeTemplate();
    await eventually('two new pods', () => (pods().filter((p) => hashOf(p) !== oldHash).length === 2 ? true : undefined));
    stop();
    assert.deepEqual(changes, ['DELETED old', 'DELETED old', 'ADDED new', 'ADDED new']);
  });

  it('replaces a deleted pod and removes surplus pods on scale-down, not-ready ones first', async () => {
    await readyDeployment();
    const [victim] = pods();
    store.delete(PODS, 'default', victim?.metadata.name ?? '');
    const replaced = await eventually('a replacement pod', () => (pods().length === 2 && pods().some((p) => !isReady(p)) ? pods() : undefined));
    const fresh = replaced.find((p) => !isReady(p));
    const current = store.get(DEPLOYMENTS, 'default', 'web') as Deployment;
    current.spec.replicas = 1;
    store.update(DEPLOYMENTS, current);
    const [left] = await eventually('one pod', () => (pods().length === 1 ? pods() : undefined));
    assert.notEqual(left?.metadata.name, fresh?.metadata.name, 'the not-ready pod went first');
  });

  it('rolls nothing out while paused but still scales, and rolls out on resume', async () => {
    const oldHash = await readyDeployment();
    const paused = store.get(DEPLOYMENTS, 'default', 'web') as Deployment;
    paused.spec.paused = true;
    paused.spec.replicas = 3;
    const container = paused.spec.template.spec.containers[0];
    if (container) container.image = 'gateway-gauntlet/echo:2';
    store.update(DEPLOYMENTS, paused);
    await eventually('three old pods', () => (pods().length === 3 ? true : undefined));
    assert.ok(pods().every((p) => hashOf(p) === oldHash), 'no pod of the new template while paused');
    const d = store.get(DEPLOYMENTS, 'default', 'web') as Deployment;
    assert.equal(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason, 'DeploymentPaused');

    d.spec.paused = false;
    store.update(DEPLOYMENTS, d);
    await eventually('a pod of the new template', () => (pods().some((p) => hashOf(p) !== oldHash) ? true : undefined));
  });
});
