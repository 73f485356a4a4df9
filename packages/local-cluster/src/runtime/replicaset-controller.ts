// The ReplicaSet controller: keeps spec.replicas Pods from the template alive (named `<rs>-<5 chars>`
// through generateName, ownerReference controller=true) and reports replicas, readyReplicas and
// availableReplicas in status.
import type { ObjectStore, WatchEvent } from '../store/object-store-contract.ts';
import { EventRecorder, type EventSink } from './event-recorder.ts';
import type { Pod, ReplicaSet, ReplicaSetStatus } from './kube-shapes.ts';
import { controllerOf, controllerReferenceTo, isControlledBy, objectKeyOf, splitObjectKey } from './owner-references.ts';
import { podsInDeletionOrder } from './pod-deletion-order.ts';
import { isPodActive, isPodReady, msUntilAvailable } from './pod-readiness.ts';
import { ReconcileQueue } from './reconcile-queue.ts';
import { PODS, REPLICA_SETS } from './resource-keys.ts';
import { deleteIfExists, writeStatusIfChanged } from './store-writes.ts';

export interface Controller {
  stop(): Promise<void>;
}

export function startReplicaSetController(store: ObjectStore, log: (line: string) => void): Controller {
  const events = new EventRecorder(store, 'replicaset-controller');
  const queue = new ReconcileQueue('replicaset-controller', (key) => reconcileReplicaSet(store, key, queue, events), log);
  const stopWatches = [
    store.watch(REPLICA_SETS, undefined, undefined, (event) => queue.add(keyOf(event))),
    store.watch(PODS, undefined, undefined, (event) => {
      const owner = controllerOf(event.object);
      if (owner?.kind === 'ReplicaSet') queue.add(objectKeyOf(event.object.metadata.namespace, owner.name));
    }),
  ];
  return {
    async stop() {
      for (const stopWatch of stopWatches) stopWatch();
      await queue.stop();
    },
  };
}

function keyOf(event: WatchEvent): string {
  return objectKeyOf(event.object.metadata.namespace, event.object.metadata.name);
}

function reconcileReplicaSet(store: ObjectStore, key: string, queue: ReconcileQueue, events: EventSink): void {
  const { namespace, name } = splitObjectKey(key);
  const replicaSet = store.get(REPLICA_SETS, namespace, name) as ReplicaSet | undefined;
  if (!replicaSet || replicaSet.metadata.deletionTimestamp) return; // the store collects its pods
  const owned = () =>
    (store.list(PODS, namespace).items as Pod[]).filter((pod) => isControlledBy(pod, replicaSet) && isPodActive(pod));

  const pods = owned();
  const desired = replicaSet.spec.replicas ?? 1;
  for (let i = pods.length; i < desired; i++) {
    const created = store.create(PODS, podFor(replicaSet));
    events.record(replicaSet, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
  }
  for (const pod of podsInDeletionOrder(pods).slice(0, Math.max(0, pods.length - desired))) {
    deleteIfExists(store, PODS, namespace, pod.metadata.name);
    events.record(replicaSet, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
  }

  const now = Date.now();
  const current = owned();
  const minReadySeconds = replicaSet.spec.minReadySeconds ?? 0;
  const waits = current.map((pod) => msUntilAvailable(pod, minReadySeconds, now)).filter((ms) => ms !== undefined);
  const status: ReplicaSetStatus = { replicas: current.length };
  const labelled = current.filter((pod) => labelsInclude(pod.metadata.labels, replicaSet.spec.template.metadata?.labels)).length;
  const ready = current.filter(isPodReady).length;
  const available = waits.filter((ms) => ms === 0).length;
  if (labelled > 0) status.fullyLabeledReplicas = labelled;
  if (ready > 0) status.readyReplicas = ready;
  if (available > 0) status.availableReplicas = available;
  status.observedGeneration = replicaSet.metadata.generation ?? 1;
  writeStatusIfChanged(store, REPLICA_SETS, replicaSet, status);
  // A ready pod becomes available only after minReadySeconds: look again then.
  const nextAvailable = Math.min(...waits.filter((ms) => ms > 0));
  if (Number.isFinite(nextAvailable)) queue.addAfter(key, nextAvailable + 10);
}

function podFor(replicaSet: ReplicaSet): Pod {
  const template = replicaSet.spec.template;
  const metadata: Pod['metadata'] = {
    name: '',
    generateName: `${replicaSet.metadata.name}-`,
    namespace: replicaSet.metadata.namespace,
    labels: { ...(template.metadata?.labels ?? {}) },
    ownerReferences: [controllerReferenceTo(replicaSet)],
  };
  if (template.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec) };
}

function labelsInclude(labels: Record<string, string> = {}, wanted: Record<string, string> = {}): boolean {
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}
