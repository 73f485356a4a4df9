// Who received copies of which requests: reads the logs of every pod in the namespaces involved and counts,
// per pod, the logged requests carrying each id. The pod that answered a request logged the original, so one
// occurrence there is not a copy.
import { loggedRequestTargets } from './echo-log-lines.ts';
import type { PodLogSource, PodSummary } from './pod-logs.ts';
import { requestIdOf } from './request-id.ts';

export interface PodCopies {
  pod: PodSummary;
  /** Request id -> copies this pod received (originals it answered not counted). */
  copies: Map<string, number>;
}

export interface CopyCount {
  pods: PodCopies[];
  /** Pods whose log could not be read, with why (a pod still starting, ...). */
  unreadable: string[];
}

function copiesInLog(log: string, pod: PodSummary, ids: ReadonlyMap<string, string | undefined>): Map<string, number> {
  const logged = new Map<string, number>();
  for (const target of loggedRequestTargets(log)) {
    const id = requestIdOf(target);
    if (id !== undefined && ids.has(id)) logged.set(id, (logged.get(id) ?? 0) + 1);
  }
  const copies = new Map<string, number>();
  for (const [id, count] of logged) {
    const copiesOnly = ids.get(id) === pod.name ? count - 1 : count;
    if (copiesOnly > 0) copies.set(id, copiesOnly);
  }
  return copies;
}

/**
 * ids: the request ids sent, each with the pod that answered it (its original is in that pod's log).
 * since: when the first of them was sent.
 */
export async function countCopies(source: PodLogSource, namespaces: Iterable<string>, ids: ReadonlyMap<string, string | undefined>, since: Date): Promise<CopyCount> {
  const result: CopyCount = { pods: [], unreadable: [] };
  for (const namespace of new Set(namespaces)) {
    for (const pod of await source.pods(namespace)) {
      try {
        result.pods.push({ pod, copies: copiesInLog(await source.log(pod, since), pod, ids) });
      } catch (error) {
        result.unreadable.push(`${namespace}/${pod.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return result;
}

/** Whether a pod belongs to a backend named the way scenarios name one: Deployment (pod name prefix) or app label. */
export function podOfBackend(pod: PodSummary, backend: string): boolean {
  return pod.name.startsWith(`${backend}-`) || pod.labels.app === backend;
}
