// How a strategic merge patch (and our server-side apply) merges each list of the built-in kinds we serve.
// These are the patchStrategy/patchMergeKey tags of the Kubernetes API types, looked up by field path.
// Any list not named here is replaced as a whole (e.g. tolerations, envFrom, EndpointSlice endpoints).

export type ListStrategy =
  | { type: 'mergeByKey'; key: string }
  | { type: 'mergePrimitives' } // a set of scalars: union on merge (metadata.finalizers)
  | { type: 'replace' };

const replace: ListStrategy = { type: 'replace' };

/** Where the PodSpec sits inside each workload kind. */
export const podSpecPathOfKind: Record<string, string> = {
  Pod: 'spec',
  PodTemplate: 'template.spec',
  Deployment: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  ReplicationController: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

const containerListKeys = ['containers', 'initContainers', 'ephemeralContainers'];

/** Lists inside a PodSpec, relative to it. */
const podSpecListKeys: Record<string, string> = {
  volumes: 'name',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  schedulingGates: 'name',
  resourceClaims: 'name',
};

/** Lists inside a Container, relative to it. */
const containerFieldListKeys: Record<string, string> = {
  ports: 'containerPort',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  resizePolicy: 'resourceName',
};

for (const list of containerListKeys) podSpecListKeys[list] = 'name';

/** Lists at a fixed path in one kind, or in every built-in kind ('*'). */
const fixedListKeys: Record<string, Record<string, string>> = {
  Service: { 'spec.ports': 'port' },
  '*': { 'metadata.ownerReferences': 'uid', 'status.conditions': 'type' },
};

function podSpecRelativePath(kind: string, path: string): string | undefined {
  const podSpecPath = podSpecPathOfKind[kind];
  if (podSpecPath === undefined || !path.startsWith(`${podSpecPath}.`)) return undefined;
  return path.slice(podSpecPath.length + 1);
}

function podSpecListStrategy(relative: string): ListStrategy {
  const direct = podSpecListKeys[relative];
  if (direct !== undefined) return { type: 'mergeByKey', key: direct };
  const [containerList, field, ...rest] = relative.split('.');
  if (containerList !== undefined && containerListKeys.includes(containerList) && field !== undefined && rest.length === 0) {
    const key = containerFieldListKeys[field];
    if (key !== undefined) return { type: 'mergeByKey', key };
  }
  return replace;
}

/**
 * The strategy for the list at `fieldPath` (field names joined by '.', list indices left out) of a built-in `kind`.
 */
export function listStrategyOf(kind: string, fieldPath: string[]): ListStrategy {
  const path = fieldPath.join('.');
  if (path === 'metadata.finalizers') return { type: 'mergePrimitives' };
  const fixed = fixedListKeys[kind]?.[path] ?? fixedListKeys['*']?.[path];
  if (fixed !== undefined) return { type: 'mergeByKey', key: fixed };
  const relative = podSpecRelativePath(kind, path);
  return relative === undefined ? replace : podSpecListStrategy(relative);
}
