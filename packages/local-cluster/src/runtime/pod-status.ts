// A Pod's status as kubelet reports it, computed from what the pod's containers are doing: phase,
// addresses, containerStatuses and the conditions PodReadyToStartContainers, Initialized, Ready,
// ContainersReady, PodScheduled (in kubelet's order), with transition times kept while unchanged.
import { rfc3339Seconds } from '../store/rfc3339.ts';
import { carryTransitionTimes } from './conditions.ts';
import type { Condition, Container, ContainerStatus, Pod, PodStatus } from './kube-shapes.ts';

export interface PodView {
  podIP: string;
  hostIP: string;
  startTime: string;
  restartPolicy: string;
  /** False while the pod's volumes are not laid out yet: no container can start (default true). */
  sandboxReady?: boolean;
  containers: ContainerStatus[];
  qosClass: string;
}

/** A container's status before it is created (its pod waits for volumes): ContainerCreating, no image ID yet. */
export function creatingContainerStatus(container: Container): ContainerStatus {
  return {
    name: container.name,
    image: container.image ?? '',
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting: { reason: 'ContainerCreating' } },
    lastState: {},
  };
}

export function computePodStatus(view: PodView, previous?: PodStatus, now: Date = new Date()): PodStatus {
  const at = rfc3339Seconds(now);
  const unready = view.containers.filter((c) => !c.ready).map((c) => c.name);
  const ready: Condition =
    unready.length === 0
      ? { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: at }
      : {
          type: 'Ready',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: at,
          reason: 'ContainersNotReady',
          message: `containers with unready status: [${unready.join(' ')}]`,
        };
  const conditions = carryTransitionTimes(previous?.conditions, [
    { type: 'PodReadyToStartContainers', status: view.sandboxReady === false ? 'False' : 'True', lastProbeTime: null, lastTransitionTime: at },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: at },
    ready,
    { ...ready, type: 'ContainersReady' },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at },
  ]);
  return {
    phase: podPhase(view),
    conditions,
    hostIP: view.hostIP,
    hostIPs: [{ ip: view.hostIP }],
    podIP: view.podIP,
    podIPs: [{ ip: view.podIP }],
    startTime: view.startTime,
    containerStatuses: view.containers,
    qosClass: view.qosClass,
  };
}

/** Pending until every container ran once; with restartPolicy Always a pod never leaves Running. */
export function podPhase(view: Pick<PodView, 'containers' | 'restartPolicy'>): string {
  const neverRan = view.containers.some((c) => !c.state.running && !c.lastState.terminated && !c.state.terminated);
  if (neverRan) return 'Pending';
  if (view.restartPolicy === 'Always') return 'Running';
  const finished = view.containers.every((c) => c.state.terminated);
  if (!finished) return 'Running';
  return view.containers.every((c) => c.state.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
}

/** BestEffort without any requests or limits, Guaranteed when every container's limits cover cpu and memory. */
export function qosClassOf(pod: Pod): string {
  const resources = pod.spec.containers.map((c) => c.resources ?? {});
  const declares = resources.some((r) => Object.keys(r.requests ?? {}).length + Object.keys(r.limits ?? {}).length > 0);
  if (!declares) return 'BestEffort';
  const guaranteed = resources.every(
    (r) =>
      r.limits?.cpu !== undefined &&
      r.limits.memory !== undefined &&
      Object.entries(r.requests ?? {}).every(([name, value]) => r.limits?.[name] === value),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
