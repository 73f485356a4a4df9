// Defaulting the real API server does for built-in kinds and that clients rely on (a Service's
// clusterIP, a Deployment's replicas, a Pod's Pending phase, a Namespace's name label, ...).

import { isRecord } from '../crd/structural-schema.ts';
import type { KubeObject } from '../store/object-store-contract.ts';
import type { ResourceInfo } from './resource-info.ts';
import type { ServiceAddressAllocator } from './service-address-allocator.ts';

type Json = Record<string, unknown>;

export interface DefaultingContext {
  allocator: ServiceAddressAllocator;
  /** The stored object on update; undefined on create. */
  old: KubeObject | undefined;
}

/** Mutates `object` in place. */
export function applyBuiltInDefaults(info: ResourceInfo, object: KubeObject, context: DefaultingContext): void {
  if (!info.builtIn) return;
  const defaulter = DEFAULTERS[`${info.group}/${info.resource}`];
  defaulter?.(object, context);
}

const DEFAULTERS: Record<string, (object: KubeObject, context: DefaultingContext) => void> = {
  '/namespaces': (object, context) => defaultNamespace(object, context.old),
  '/services': defaultService,
  '/pods': (object, context) => defaultPod(object, context.old),
  '/secrets': (object) => defaultSecret(object),
  'apps/deployments': (object) => defaultDeployment(object),
  'apps/replicasets': (object) => {
    defaultField(mapAt(object, 'spec'), 'replicas', 1);
    defaultPodTemplate(mapAt(mapAt(object, 'spec'), 'template'));
  },
};

function mapAt(parent: Json, field: string): Json {
  const value = parent[field];
  if (isRecord(value)) return value;
  const created: Json = {};
  parent[field] = created;
  return created;
}

function listAt(parent: Json, field: string): Json[] {
  const value = parent[field];
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}

function defaultField(target: Json, field: string, value: unknown): void {
  if (value === undefined) return;
  if (target[field] === undefined || target[field] === null) target[field] = value;
}

function defaultNamespace(object: KubeObject, old: KubeObject | undefined): void {
  // Namespace selectors (e.g. a Gateway's allowedRoutes) match on this label.
  object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': object.metadata.name };
  defaultField(mapAt(object, 'spec'), 'finalizers', ['kubernetes']);
  if (!old) object.status = { phase: 'Active' };
}

function defaultService(object: KubeObject, context: DefaultingContext): void {
  const spec = mapAt(object, 'spec');
  const oldSpec = context.old ? mapAt(structuredClone(context.old), 'spec') : {};
  defaultField(spec, 'type', 'ClusterIP');
  defaultField(spec, 'sessionAffinity', 'None');
  // A cluster IP is immutable: an update that leaves it out keeps the stored one.
  defaultField(spec, 'clusterIP', oldSpec.clusterIP);
  if (spec.type !== 'ExternalName') {
    defaultField(spec, 'clusterIP', context.allocator.allocateClusterIp());
    defaultField(spec, 'clusterIPs', spec.clusterIP === 'None' ? ['None'] : [spec.clusterIP]);
    defaultField(spec, 'ipFamilies', ['IPv4']);
    defaultField(spec, 'ipFamilyPolicy', 'SingleStack');
    defaultField(spec, 'internalTrafficPolicy', 'Cluster');
  }
  const needsNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (needsNodePorts) defaultField(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') defaultField(spec, 'allocateLoadBalancerNodePorts', true);
  const oldPorts = listAt(oldSpec, 'ports');
  const taken: number[] = [];
  for (const port of listAt(spec, 'ports')) {
    defaultField(port, 'protocol', 'TCP');
    defaultField(port, 'targetPort', port.port);
    if (!needsNodePorts) continue;
    const previous = oldPorts.find((p) => p.port === port.port && p.protocol === port.protocol);
    defaultField(port, 'nodePort', previous?.nodePort);
    defaultField(port, 'nodePort', context.allocator.allocateNodePort(taken));
    if (typeof port.nodePort === 'number') taken.push(port.nodePort);
  }
  if (!context.old) object.status = { loadBalancer: {} };
}

function defaultPodSpec(spec: Json): void {
  defaultField(spec, 'restartPolicy', 'Always');
  defaultField(spec, 'terminationGracePeriodSeconds', 30);
  defaultField(spec, 'dnsPolicy', 'ClusterFirst');
  defaultField(spec, 'schedulerName', 'default-scheduler');
  defaultField(spec, 'securityContext', {});
  for (const container of [...listAt(spec, 'containers'), ...listAt(spec, 'initContainers')]) {
    const image = typeof container.image === 'string' ? container.image : '';
    const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
    defaultField(container, 'imagePullPolicy', tag === 'latest' ? 'Always' : 'IfNotPresent');
    defaultField(container, 'terminationMessagePath', '/dev/termination-log');
    defaultField(container, 'terminationMessagePolicy', 'File');
    // An empty struct the real server always writes back.
    defaultField(container, 'resources', {});
    for (const port of listAt(container, 'ports')) defaultField(port, 'protocol', 'TCP');
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      if (isRecord(container[probe])) defaultProbe(container[probe]);
    }
  }
}

function defaultProbe(probe: Json): void {
  defaultField(probe, 'timeoutSeconds', 1);
  defaultField(probe, 'periodSeconds', 10);
  defaultField(probe, 'successThreshold', 1);
  defaultField(probe, 'failureThreshold', 3);
  if (isRecord(probe.httpGet)) defaultField(probe.httpGet, 'scheme', 'HTTP');
}

function defaultPodTemplate(template: Json): void {
  defaultPodSpec(mapAt(template, 'spec'));
}

function defaultPod(object: KubeObject, old: KubeObject | undefined): void {
  const spec = mapAt(object, 'spec');
  defaultPodSpec(spec);
  defaultField(spec, 'enableServiceLinks', true);
  // What the ServiceAccount, Priority and DefaultTolerationSeconds admission plugins add to every Pod.
  defaultField(spec, 'serviceAccountName', 'default');
  defaultField(spec, 'serviceAccount', spec.serviceAccountName);
  defaultField(spec, 'priority', 0);
  defaultField(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  defaultField(spec, 'tolerations', [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
  if (!old) object.status = { phase: 'Pending' };
}

function defaultDeployment(object: KubeObject): void {
  const spec = mapAt(object, 'spec');
  defaultField(spec, 'replicas', 1);
  defaultField(spec, 'revisionHistoryLimit', 10);
  defaultField(spec, 'progressDeadlineSeconds', 600);
  const strategy = mapAt(spec, 'strategy');
  defaultField(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = mapAt(strategy, 'rollingUpdate');
    defaultField(rollingUpdate, 'maxUnavailable', '25%');
    defaultField(rollingUpdate, 'maxSurge', '25%');
  }
  defaultPodTemplate(mapAt(spec, 'template'));
}

/** `stringData` is a write-only convenience: the server folds it into base64 `data`. */
function defaultSecret(object: KubeObject): void {
  defaultField(object, 'type', 'Opaque');
  const stringData = object.stringData;
  if (typeof stringData !== 'object' || stringData === null) {
    delete object.stringData;
    return;
  }
  const data = mapAt(object, 'data');
  for (const [key, value] of Object.entries(stringData)) {
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  }
  delete object.stringData;
}
