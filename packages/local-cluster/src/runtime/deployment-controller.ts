// The Deployment controller: one ReplicaSet per pod template (`<deployment>-<pod-template-hash>`),
// rolled from old to new with RollingUpdate (maxSurge/maxUnavailable) or Recreate, old ReplicaSets kept
// at zero replicas up to revisionHistoryLimit, and the Deployment's status and conditions kept current.
import { isDeepStrictEqual } from 'node:util';
import { ApiError } from '../store/api-error.ts';
import type { ObjectStore } from '../store/object-store-contract.ts';
import { computeDeploymentStatus } from './deployment-status.ts';
import { EventRecorder, type EventSink } from './event-recorder.ts';
import type { Deployment, Pod, PodTemplateSpec, ReplicaSet } from './kube-shapes.ts';
import { controllerOf, controllerReferenceTo, isControlledBy, objectKeyOf, splitObjectKey } from './owner-references.ts';
import { canonicalJson, podTemplateHash } from './pod-template-hash.ts';
import { ReconcileQueue } from './reconcile-queue.ts';
import type { Controller } from './replicaset-controller.ts';
import { DEPLOYMENTS, PODS, REPLICA_SETS } from './resource-keys.ts';
import {
  planNewReplicaSetScale,
  planOldReplicaSetsScale,
  type ReplicaSetCounts,
  type RollingParameters,
  resolveRollingParameters,
} from './rolling-update-plan.ts';
import { deleteIfExists, writeStatusIfChanged } from './store-writes.ts';

const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

export function startDeploymentController(store: ObjectStore, log: (line: string) => void): Controller {
  const events = new EventRecorder(store, 'deployment-controller');
  const queue = new ReconcileQueue('deployment-controller', (key) => new DeploymentSync(store, key, queue, events).run(), log);
  const enqueueOwnerOf = (replicaSet: ReplicaSet | undefined) => {
    const owner = replicaSet && controllerOf(replicaSet);
    if (replicaSet && owner?.kind === 'Deployment') queue.add(objectKeyOf(replicaSet.metadata.namespace, owner.name));
  };
  const stopWatches = [
    store.watch(DEPLOYMENTS, undefined, undefined, ({ object }) =>
      queue.add(objectKeyOf(object.metadata.namespace, object.metadata.name)),
    ),
    store.watch(REPLICA_SETS, undefined, undefined, ({ object }) => enqueueOwnerOf(object as ReplicaSet)),
    // Recreate waits for the old pods to be gone: a pod deletion may unblock it.
    store.watch(PODS, undefined, undefined, ({ type, object }) => {
      const owner = controllerOf(object);
      if (type !== 'DELETED' || owner?.kind !== 'ReplicaSet') return;
      enqueueOwnerOf(store.get(REPLICA_SETS, object.metadata.namespace, owner.name) as ReplicaSet | undefined);
    }),
  ];
  return {
    async stop() {
      for (const stopWatch of stopWatches) stopWatch();
      await queue.stop();
    },
  };
}

/** One sync of one Deployment: reads everything fresh, makes at most one step of progress, writes status. */
class DeploymentSync {
  readonly #store: ObjectStore;
  readonly #key: string;
  readonly #queue: ReconcileQueue;
  readonly #events: EventSink;
  #createdNewReplicaSet = false;

  constructor(store: ObjectStore, key: string, queue: ReconcileQueue, events: EventSink) {
    this.#store = store;
    this.#key = key;
    this.#queue = queue;
    this.#events = events;
  }

  run(): void {
    const { namespace, name } = splitObjectKey(this.#key);
    const deployment = this.#store.get(DEPLOYMENTS, namespace, name) as Deployment | undefined;
    if (!deployment || deployment.metadata.deletionTimestamp || !deployment.spec?.template) return;
    const desired = deployment.spec.replicas ?? 1;
    const recreate = deployment.spec.strategy?.type === 'Recreate';
    const rolling = deployment.spec.strategy?.rollingUpdate;
    const parameters = recreate
      ? { maxSurge: 0, maxUnavailable: desired }
      : resolveRollingParameters(desired, rolling?.maxSurge, rolling?.maxUnavailable);

    let newReplicaSet = this.#findNewReplicaSet(deployment);
    if (deployment.spec.paused) this.#scalePaused(deployment, desired);
    else {
      newReplicaSet = recreate
        ? this.#stepRecreate(deployment, newReplicaSet, desired)
        : this.#stepRolling(deployment, newReplicaSet, desired, parameters);
    }
    this.#cleanUpHistory(deployment, newReplicaSet);
    this.#writeStatus(deployment, newReplicaSet, desired, parameters);
  }

  #ownedReplicaSets(deployment: Deployment): ReplicaSet[] {
    return (this.#store.list(REPLICA_SETS, deployment.metadata.namespace).items as ReplicaSet[])
      .filter((rs) => isControlledBy(rs, deployment))
      .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  }

  /**
   * The ReplicaSet running the current template: same template, or (should the API server have defaulted
   * the ReplicaSet's copy differently) the label of the current template's hash.
   */
  #findNewReplicaSet(deployment: Deployment): ReplicaSet | undefined {
    const wanted = canonicalJson(deployment.spec.template);
    const hash = podTemplateHash(deployment.spec.template, deployment.status?.collisionCount ?? 0);
    const owned = this.#ownedReplicaSets(deployment);
    return (
      owned.find((rs) => canonicalJson(withoutHashLabel(rs.spec.template)) === wanted) ??
      owned.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash)
    );
  }

  #oldReplicaSets(deployment: Deployment, newReplicaSet: ReplicaSet | undefined): ReplicaSet[] {
    return this.#ownedReplicaSets(deployment).filter((rs) => rs.metadata.uid !== newReplicaSet?.metadata.uid);
  }

  #stepRolling(
    deployment: Deployment,
    existing: ReplicaSet | undefined,
    desired: number,
    parameters: RollingParameters,
  ): ReplicaSet {
    const old = this.#oldReplicaSets(deployment, existing).map(countsOf);
    const current = existing ? countsOf(existing) : { name: '', replicas: 0, available: 0 };
    const scaleTo = planNewReplicaSetScale(desired, parameters, current, old);
    const newReplicaSet = existing
      ? this.#scale(existing, scaleTo, deployment, desired + parameters.maxSurge)
      : this.#createNewReplicaSet(deployment, scaleTo, desired + parameters.maxSurge);
    if (scaleTo !== current.replicas) return newReplicaSet; // one step at a time: next sync scales the old ones
    const oldScale = planOldReplicaSetsScale(desired, parameters, countsOf(newReplicaSet), old);
    for (const rs of this.#oldReplicaSets(deployment, newReplicaSet)) {
      const replicas = oldScale.get(rs.metadata.name);
      if (replicas !== undefined) this.#scale(rs, replicas, deployment, undefined);
    }
    return newReplicaSet;
  }

  /**
   * A paused Deployment rolls nothing out but still follows spec.replicas. Simplification: only when a
   * single ReplicaSet holds replicas (Kubernetes spreads a scale over several proportionally).
   */
  #scalePaused(deployment: Deployment, desired: number): void {
    const active = this.#ownedReplicaSets(deployment).filter((rs) => (rs.spec.replicas ?? 0) > 0);
    if (active.length === 1 && active[0]) this.#scale(active[0], desired, deployment, undefined);
  }

  /** Recreate: every old pod is gone before the new ReplicaSet gets any replica. */
  #stepRecreate(deployment: Deployment, existing: ReplicaSet | undefined, desired: number): ReplicaSet | undefined {
    const old = this.#oldReplicaSets(deployment, existing);
    for (const rs of old) this.#scale(rs, 0, deployment, undefined);
    const oldPodsLeft = (this.#store.list(PODS, deployment.metadata.namespace).items as Pod[]).some((pod) =>
      old.some((rs) => isControlledBy(pod, rs)),
    );
    if (oldPodsLeft) return existing;
    return existing ? this.#scale(existing, desired, deployment, desired) : this.#createNewReplicaSet(deployment, desired, desired);
  }

  #createNewReplicaSet(deployment: Deployment, replicas: number, maxReplicas: number): ReplicaSet {
    const collisionCount = deployment.status?.collisionCount ?? 0;
    const hash = podTemplateHash(deployment.spec.template, collisionCount);
    const template = withHashLabel(deployment.spec.template, hash);
    const revision = this.#nextRevision(deployment);
    const replicaSet: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${deployment.metadata.name}-${hash}`,
        namespace: deployment.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}) },
        annotations: {
          [DESIRED_REPLICAS]: String(deployment.spec.replicas ?? 1),
          [MAX_REPLICAS]: String(maxReplicas),
          [REVISION]: String(revision),
        },
        ownerReferences: [controllerReferenceTo(deployment)],
      },
      spec: {
        replicas,
        minReadySeconds: deployment.spec.minReadySeconds ?? 0,
        selector: {
          ...deployment.spec.selector,
          matchLabels: { ...(deployment.spec.selector.matchLabels ?? {}), [HASH_LABEL]: hash },
        },
        template,
      },
    };
    try {
      const created = this.#store.create(REPLICA_SETS, replicaSet) as ReplicaSet;
      this.#createdNewReplicaSet = true;
      this.#recordScaling(deployment, created.metadata.name, 0, replicas);
      this.#setRevision(deployment, revision);
      return created;
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'AlreadyExists') {
        // Another template hashed to the same name: count the collision so the next hash differs.
        const status = { ...(deployment.status ?? {}), collisionCount: collisionCount + 1 };
        writeStatusIfChanged(this.#store, DEPLOYMENTS, deployment, status);
      }
      throw error;
    }
  }

  #scale(replicaSet: ReplicaSet, replicas: number, deployment: Deployment, maxReplicas: number | undefined): ReplicaSet {
    const annotations = { ...(replicaSet.metadata.annotations ?? {}) };
    annotations[DESIRED_REPLICAS] = String(deployment.spec.replicas ?? 1);
    // Only the new ReplicaSet gets maxReplicas; a rollback to an older template makes it the newest revision.
    if (maxReplicas !== undefined) {
      annotations[MAX_REPLICAS] = String(maxReplicas);
      annotations[REVISION] = String(this.#revisionOf(replicaSet, deployment));
      this.#setRevision(deployment, Number(annotations[REVISION]));
    }
    const spec = { ...replicaSet.spec, replicas, minReadySeconds: deployment.spec.minReadySeconds ?? 0 };
    if (replicaSet.spec.replicas === replicas && isDeepStrictEqual(annotations, replicaSet.metadata.annotations ?? {})) {
      return replicaSet;
    }
    const updated = this.#store.update(REPLICA_SETS, { ...replicaSet, metadata: { ...replicaSet.metadata, annotations }, spec });
    this.#recordScaling(deployment, replicaSet.metadata.name, replicaSet.spec.replicas ?? 0, replicas);
    return updated as ReplicaSet;
  }

  #recordScaling(deployment: Deployment, replicaSetName: string, from: number, to: number): void {
    if (from === to) return;
    const direction = to > from ? 'up' : 'down';
    this.#events.record(deployment, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${replicaSetName} from ${from} to ${to}`);
  }

  /** The ReplicaSet's revision if it is the newest, else one above every other ReplicaSet's. */
  #revisionOf(replicaSet: ReplicaSet, deployment: Deployment): number {
    const own = Number(replicaSet.metadata.annotations?.[REVISION] ?? 0);
    const others = this.#ownedReplicaSets(deployment)
      .filter((rs) => rs.metadata.uid !== replicaSet.metadata.uid)
      .map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0))
      .filter(Number.isFinite);
    const newestOther = Math.max(0, ...others);
    return own > newestOther ? own : newestOther + 1;
  }

  #nextRevision(deployment: Deployment): number {
    const revisions = this.#ownedReplicaSets(deployment).map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0));
    return Math.max(0, ...revisions.filter(Number.isFinite)) + 1;
  }

  #setRevision(deployment: Deployment, revision: number): void {
    const fresh = this.#store.get(DEPLOYMENTS, deployment.metadata.namespace, deployment.metadata.name);
    if (!fresh || fresh.metadata.annotations?.[REVISION] === String(revision)) return;
    fresh.metadata.annotations = { ...(fresh.metadata.annotations ?? {}), [REVISION]: String(revision) };
    this.#store.update(DEPLOYMENTS, fresh);
  }

  /** Keeps at most revisionHistoryLimit (default 10) old ReplicaSets that are scaled to zero and empty. */
  #cleanUpHistory(deployment: Deployment, newReplicaSet: ReplicaSet | undefined): void {
    const limit = deployment.spec.revisionHistoryLimit ?? 10;
    const idle = this.#oldReplicaSets(deployment, newReplicaSet).filter(
      (rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0,
    );
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      deleteIfExists(this.#store, REPLICA_SETS, rs.metadata.namespace, rs.metadata.name);
    }
  }

  #writeStatus(deployment: Deployment, newReplicaSet: ReplicaSet | undefined, desired: number, parameters: RollingParameters): void {
    const fresh = this.#store.get(DEPLOYMENTS, deployment.metadata.namespace, deployment.metadata.name) as Deployment | undefined;
    if (!fresh) return;
    const all = this.#ownedReplicaSets(fresh);
    const newest = all.find((rs) => rs.metadata.uid === newReplicaSet?.metadata.uid);
    const progressDeadlineSeconds = fresh.spec.progressDeadlineSeconds ?? 600;
    const status = computeDeploymentStatus({
      generation: fresh.metadata.generation ?? 1,
      desiredReplicas: desired,
      maxUnavailable: parameters.maxUnavailable,
      progressDeadlineSeconds,
      newReplicaSetName: newest?.metadata.name,
      createdNewReplicaSet: this.#createdNewReplicaSet,
      newReplicaSetStatus: newest?.status,
      allReplicaSetStatuses: all.map((rs) => rs.status ?? { replicas: 0 }),
      previous: fresh.status,
      paused: fresh.spec.paused === true,
      ...(fresh.status?.collisionCount ? { collisionCount: fresh.status.collisionCount } : {}),
      now: new Date(),
    });
    writeStatusIfChanged(this.#store, DEPLOYMENTS, fresh, status);
    const progressing = status.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.status === 'True' && progressing.reason !== 'NewReplicaSetAvailable') {
      // Nothing else wakes us when a rollout stalls: look again when its deadline passes.
      this.#queue.addAfter(this.#key, progressDeadlineSeconds * 1000 + 1000);
    }
  }
}

function countsOf(replicaSet: ReplicaSet): ReplicaSetCounts {
  return {
    name: replicaSet.metadata.name,
    replicas: replicaSet.spec.replicas ?? 0,
    available: replicaSet.status?.availableReplicas ?? 0,
  };
}

function withHashLabel(template: PodTemplateSpec, hash: string): PodTemplateSpec {
  const copy = structuredClone(template);
  copy.metadata = { ...(copy.metadata ?? {}), labels: { ...(copy.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
  return copy;
}

function withoutHashLabel(template: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(template);
  const labels = copy.metadata?.labels;
  if (labels) {
    delete labels[HASH_LABEL];
  }
  return copy;
}
