// The shape of the built-in kinds served here, as the Kubernetes OpenAPI describes them to server-side
// apply (x-kubernetes-list-type, -list-map-keys, structType=atomic): containers keyed by name, container
// ports by containerPort and protocol (TCP when left out), Service ports by port and protocol, conditions by
// type, label selectors atomic, every other list atomic.

import { podSpecPathOfKind } from '../patch/strategic-merge-keys.ts';
import { deducedShape, type ListType, objectMetaShape, type Shape } from './shape.ts';

const byName: ListType = { kind: 'map', keys: ['name'], keyDefaults: {} };
const mapBy = (keys: string[], keyDefaults: Record<string, unknown> = {}): ListType => ({ kind: 'map', keys, keyDefaults });
const atomic: ListType = { kind: 'atomic' };

/** Lists inside a PodSpec, by path relative to it (items of container lists elided). */
const podSpecLists: Record<string, ListType> = {
  volumes: byName,
  imagePullSecrets: byName,
  hostAliases: mapBy(['ip']),
  topologySpreadConstraints: mapBy(['topologyKey', 'whenUnsatisfiable']),
  schedulingGates: byName,
  resourceClaims: byName,
};
for (const containers of ['containers', 'initContainers', 'ephemeralContainers']) {
  podSpecLists[containers] = byName;
  podSpecLists[`${containers}.ports`] = mapBy(['containerPort', 'protocol'], { protocol: 'TCP' });
  podSpecLists[`${containers}.env`] = byName;
  podSpecLists[`${containers}.volumeMounts`] = mapBy(['mountPath']);
  podSpecLists[`${containers}.volumeDevices`] = mapBy(['devicePath']);
}

/** Lists at a fixed path of one kind. */
const kindLists: Record<string, Record<string, ListType>> = {
  Service: { 'spec.ports': mapBy(['port', 'protocol'], { protocol: 'TCP' }) },
  Pod: { 'status.podIPs': mapBy(['ip']), 'status.hostIPs': mapBy(['ip']) },
};

/** Maps whose keys are entries, not fields (the children of metadata are handled by objectMetaShape). */
const mapFields = new Set(['data', 'stringData', 'binaryData', 'nodeSelector', 'matchLabels', 'limits', 'requests', 'capacity', 'allocatable']);
const labelSelectorFields = new Set(['labelSelector', 'namespaceSelector', 'podSelector']);
const kindsWithLabelSelector = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

function listTypeAt(kind: string, path: string): ListType {
  if (path === 'status.conditions') return mapBy(['type']);
  const fixed = kindLists[kind]?.[path];
  if (fixed !== undefined) return fixed;
  const podSpec = podSpecPathOfKind[kind];
  if (podSpec !== undefined && path.startsWith(`${podSpec}.`)) return podSpecLists[path.slice(podSpec.length + 1)] ?? atomic;
  return atomic;
}

function isAtomicObject(kind: string, path: string, last: string): boolean {
  if (labelSelectorFields.has(last)) return true;
  return path === 'spec.selector' && kindsWithLabelSelector.has(kind);
}

/** `path` holds field names, with `[]` for the items of a list. */
function node(kind: string, path: readonly string[]): Shape {
  const fields = path.filter((part) => part !== '[]').join('.');
  const last = path.at(-1) ?? '';
  const isItem = last === '[]';
  const isMap = mapFields.has(last) || (kind === 'Service' && fields === 'spec.selector');
  return {
    listType: isItem ? atomic : listTypeAt(kind, fields),
    atomicObject: !isItem && isAtomicObject(kind, fields, last),
    field: (name) => {
      if (isMap) return { shape: deducedShape, named: false };
      if (name === 'metadata' && (path.length === 0 || last === 'template' || last === 'jobTemplate')) return { shape: objectMetaShape, named: true };
      return { shape: node(kind, [...path, name]), named: true };
    },
    items: () => node(kind, [...path, '[]']),
  };
}

const shapes = new Map<string, Shape>();

export function builtInShape(kind: string): Shape {
  let shape = shapes.get(kind);
  if (shape === undefined) {
    shape = node(kind, []);
    shapes.set(kind, shape);
  }
  return shape;
}
