// When a step fails, the status of the objects it depended on, read at that moment, so the report shows the
// implementation's own account (a route's ResolvedRefs=False, a listener's Programmed=False) beside what the
// step expected. Status only: a spec can be long and a Secret's data must never land in a report.
// Each read is bounded by a time-out: a failure already being reported must not hang on a sick API server.
//
//   observeObjects(kube, refs, seen?, options?): Promise<ObservedObject[]>
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient, ObjectRef } from '../../harness/kube/kube-client.ts';
import type { ObservedObject } from '../../harness/report/run-result.ts';

/** Most objects one failure records: a scenario rarely has more, and a report must stay readable. */
export const MAX_OBSERVED_OBJECTS = 20;

export interface ObserveOptions {
  /** Per read; default 5 s. */
  timeoutMs?: number;
  now?: () => Date;
}

const keyOf = (ref: ObjectRef) => `${ref.apiVersion.split('/')[0]}|${ref.kind}|${ref.namespace ?? ''}|${ref.name}`;

/**
 * Reads each distinct ref (first MAX_OBSERVED_OBJECTS). An object in `seen` (as a failed await last read it) is
 * taken as it is, so the status shown is the one its error message judged.
 */
export async function observeObjects(kube: KubeClient, refs: readonly ObjectRef[], seen: readonly KubernetesObject[] = [], options: ObserveOptions = {}): Promise<ObservedObject[]> {
  const now = options.now ?? (() => new Date());
  const unique = [...new Map(refs.map((ref) => [keyOf(ref), ref])).values()].slice(0, MAX_OBSERVED_OBJECTS);
  const alreadySeen = new Map(seen.map((object) => [keyOf(refFromObject(object)), object]));
  return await Promise.all(
    unique.map(async (ref) => {
      const known = alreadySeen.get(keyOf(ref));
      if (known) return observed(ref, now(), known);
      try {
        return observed(ref, now(), await withTimeout(kube.read(ref), options.timeoutMs ?? 5000));
      } catch (error) {
        return { ...identity(ref), observedAt: now().toISOString(), found: false, readError: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

function observed(ref: ObjectRef, at: Date, object: KubernetesObject | undefined): ObservedObject {
  const result: ObservedObject = { ...identity(ref), observedAt: at.toISOString(), found: object !== undefined };
  const generation = object?.metadata?.generation;
  if (generation !== undefined) result.generation = generation;
  const status = (object as { status?: unknown } | undefined)?.status;
  if (status !== undefined) result.status = status;
  return result;
}

function identity(ref: ObjectRef): Pick<ObservedObject, 'apiVersion' | 'kind' | 'namespace' | 'name'> {
  return { apiVersion: ref.apiVersion, kind: ref.kind, ...(ref.namespace ? { namespace: ref.namespace } : {}), name: ref.name };
}

function refFromObject(object: KubernetesObject): ObjectRef {
  const namespace = object.metadata?.namespace;
  return { apiVersion: object.apiVersion ?? '', kind: object.kind ?? '', ...(namespace ? { namespace } : {}), name: object.metadata?.name ?? '' };
}

class ObserveTimeoutError extends Error {
  readonly code = 'GAUNTLET_OBSERVE_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`no answer from the API server within ${timeoutMs / 1000}s`);
    this.name = 'ObserveTimeoutError';
  }
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ObserveTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
