// Which pods a ReplicaSet removes first when scaling down, in the spirit of Kubernetes' ranking: pods
// that serve nothing yet go before pods that serve; among equals, the newest go first.
import type { Pod } from './kube-shapes.ts';
import { isPodReady } from './pod-readiness.ts';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** `pods` sorted so that the first ones are the best to delete. */
export function podsInDeletionOrder(pods: readonly Pod[]): Pod[] {
  return [...pods].sort(comparePodsForDeletion);
}

function comparePodsForDeletion(a: Pod, b: Pod): number {
  return (
    Number(Boolean(a.spec.nodeName)) - Number(Boolean(b.spec.nodeName)) ||
    (PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0) - (PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0) ||
    Number(isPodReady(a)) - Number(isPodReady(b)) ||
    restarts(b) - restarts(a) ||
    created(b) - created(a) ||
    (a.metadata.name < b.metadata.name ? -1 : 1)
  );
}

function restarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
}

function created(pod: Pod): number {
  return Date.parse(pod.metadata.creationTimestamp ?? '') || 0;
}
