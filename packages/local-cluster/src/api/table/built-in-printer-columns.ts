// Columns of `kubectl get` for the built-in kinds the local API server serves, as the Kubernetes API server's
// own printers show them (priority 1 columns appear with -o wide).
import type { KubeObject } from '../../store/object-store-contract.ts';
import { ageColumn, type PrinterColumn } from './printer-column.ts';

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(record) : [];
}

function spec(object: KubeObject): Json {
  return record(object.spec);
}

function status(object: KubeObject): Json {
  return record(object.status);
}

function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function orNone(text: string): string {
  return text === '' ? '<none>' : text;
}

function computed(name: string, jsonPath: string, cell: (object: KubeObject) => unknown, extra: Partial<PrinterColumn> = {}): PrinterColumn {
  return { name, type: 'string', jsonPath, cell, ...extra };
}

function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp !== undefined) return 'Terminating';
  const podStatusFields = status(pod);
  for (const container of list(podStatusFields.containerStatuses)) {
    const waiting = record(record(container.state).waiting);
    if (typeof waiting.reason === 'string' && waiting.reason !== '') return waiting.reason;
    const terminated = record(record(container.state).terminated);
    if (typeof terminated.reason === 'string' && terminated.reason !== '') return terminated.reason;
  }
  if (typeof podStatusFields.reason === 'string') return podStatusFields.reason;
  return typeof podStatusFields.phase === 'string' ? podStatusFields.phase : 'Pending';
}

function podReady(pod: KubeObject): string {
  const statuses = list(status(pod).containerStatuses);
  const total = list(spec(pod).containers).length;
  return `${statuses.filter((container) => container.ready === true).length}/${total}`;
}

function servicePorts(service: KubeObject): string {
  const ports = list(spec(service).ports).map((port) => {
    const nodePort = port.nodePort === undefined ? '' : `:${String(port.nodePort)}`;
    return `${String(port.port)}${nodePort}/${String(port.protocol ?? 'TCP')}`;
  });
  return orNone(ports.join(','));
}

function serviceExternalIp(service: KubeObject): string {
  const serviceSpec = spec(service);
  const external = Array.isArray(serviceSpec.externalIPs) ? (serviceSpec.externalIPs as string[]) : [];
  if (serviceSpec.type === 'ExternalName') return String(serviceSpec.externalName ?? '<none>');
  if (serviceSpec.type !== 'LoadBalancer') return orNone(external.join(','));
  const ingress = list(record(status(service).loadBalancer).ingress).map((entry) => String(entry.ip ?? entry.hostname ?? ''));
  const addresses = [...ingress.filter((address) => address !== ''), ...external];
  return addresses.length === 0 ? '<pending>' : addresses.join(',');
}

function selectorText(selector: unknown): string {
  return orNone(
    Object.entries(record(selector))
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(','),
  );
}

/** A LabelSelector as kubectl prints it: `app=web,tier in (a,b),!legacy`. */
function labelSelectorText(selector: unknown): string {
  const labels = Object.entries(record(record(selector).matchLabels)).map(([key, value]) => `${key}=${String(value)}`);
  const expressions = list(record(selector).matchExpressions).map((expression) => {
    const key = String(expression.key);
    const values = Array.isArray(expression.values) ? expression.values.join(',') : '';
    switch (expression.operator) {
      case 'In':
        return `${key} in (${values})`;
      case 'NotIn':
        return `${key} notin (${values})`;
      case 'DoesNotExist':
        return `!${key}`;
      default:
        return key;
    }
  });
  return orNone([...labels, ...expressions].join(','));
}

function podTemplateContainers(object: KubeObject): Json[] {
  return list(record(record(spec(object).template).spec).containers);
}

function dataCount(object: KubeObject): number {
  return Object.keys(record(object.data)).length + Object.keys(record(object.binaryData)).length;
}

function nodeReady(node: KubeObject): string {
  const ready = list(status(node).conditions).find((condition) => condition.type === 'Ready');
  return ready?.status === 'True' ? 'Ready' : 'NotReady';
}

function nodeRoles(node: KubeObject): string {
  const prefix = 'node-role.kubernetes.io/';
  return orNone(
    Object.keys(node.metadata.labels ?? {})
      .filter((label) => label.startsWith(prefix))
      .map((label) => label.slice(prefix.length))
      .join(','),
  );
}

function nodeAddress(type: string): (node: KubeObject) => string {
  return (node) => orNone(String(list(status(node).addresses).find((address) => address.type === type)?.address ?? ''));
}

function nodeInfo(field: string): (node: KubeObject) => string {
  return (node) => orNone(String(record(status(node).nodeInfo)[field] ?? ''));
}

const columnsOfKind: Record<string, PrinterColumn[]> = {
  Node: [
    computed('Status', '.status.conditions', nodeReady),
    computed('Roles', '.metadata.labels', nodeRoles),
    ageColumn,
    computed('Version', '.status.nodeInfo.kubeletVersion', nodeInfo('kubeletVersion')),
    computed('Internal-IP', '.status.addresses', nodeAddress('InternalIP'), { priority: 1 }),
    computed('External-IP', '.status.addresses', nodeAddress('ExternalIP'), { priority: 1 }),
    computed('OS-Image', '.status.nodeInfo.osImage', nodeInfo('osImage'), { priority: 1 }),
    computed('Kernel-Version', '.status.nodeInfo.kernelVersion', nodeInfo('kernelVersion'), { priority: 1 }),
    computed('Container-Runtime', '.status.nodeInfo.containerRuntimeVersion', nodeInfo('containerRuntimeVersion'), { priority: 1 }),
  ],
  Pod: [
    computed('Ready', '.status.containerStatuses', podReady, { description: 'Ready containers of all containers.' }),
    computed('Status', '.status.phase', podStatus, { description: 'The phase, or why a container is not running.' }),
    computed('Restarts', '.status.containerStatuses', (pod) => list(status(pod).containerStatuses).reduce((sum, c) => sum + count(c.restartCount), 0), { type: 'integer' }),
    ageColumn,
    { name: 'IP', type: 'string', jsonPath: '.status.podIP', priority: 1 },
    { name: 'Node', type: 'string', jsonPath: '.spec.nodeName', priority: 1 },
    computed('Nominated Node', '.status.nominatedNodeName', (pod) => orNone(String(status(pod).nominatedNodeName ?? '')), { priority: 1 }),
    computed('Readiness Gates', '.spec.readinessGates', (pod) => orNone(list(spec(pod).readinessGates).map((gate) => gate.conditionType).join(',')), { priority: 1 }),
  ],
  Service: [
    { name: 'Type', type: 'string', jsonPath: '.spec.type' },
    computed('Cluster-IP', '.spec.clusterIP', (service) => orNone(String(spec(service).clusterIP ?? ''))),
    computed('External-IP', '.status.loadBalancer.ingress', serviceExternalIp),
    computed('Port(s)', '.spec.ports', servicePorts),
    ageColumn,
    computed('Selector', '.spec.selector', (service) => selectorText(spec(service).selector), { priority: 1 }),
  ],
  Deployment: [
    computed('Ready', '.status.readyReplicas', (d) => `${count(status(d).readyReplicas)}/${count(spec(d).replicas ?? 1)}`),
    computed('Up-to-date', '.status.updatedReplicas', (d) => count(status(d).updatedReplicas), { type: 'integer' }),
    computed('Available', '.status.availableReplicas', (d) => count(status(d).availableReplicas), { type: 'integer' }),
    ageColumn,
    computed('Containers', '.spec.template.spec.containers', (d) => podTemplateContainers(d).map((c) => c.name).join(','), { priority: 1 }),
    computed('Images', '.spec.template.spec.containers', (d) => podTemplateContainers(d).map((c) => c.image).join(','), { priority: 1 }),
    computed('Selector', '.spec.selector', (d) => labelSelectorText(spec(d).selector), { priority: 1 }),
  ],
  ReplicaSet: [
    computed('Desired', '.spec.replicas', (r) => count(spec(r).replicas ?? 1), { type: 'integer' }),
    computed('Current', '.status.replicas', (r) => count(status(r).replicas), { type: 'integer' }),
    computed('Ready', '.status.readyReplicas', (r) => count(status(r).readyReplicas), { type: 'integer' }),
    ageColumn,
  ],
  Namespace: [{ name: 'Status', type: 'string', jsonPath: '.status.phase' }, ageColumn],
  ConfigMap: [computed('Data', '.data', dataCount, { type: 'integer' }), ageColumn],
  Secret: [{ name: 'Type', type: 'string', jsonPath: '.type' }, computed('Data', '.data', dataCount, { type: 'integer' }), ageColumn],
  ServiceAccount: [ageColumn],
  EndpointSlice: [
    { name: 'AddressType', type: 'string', jsonPath: '.addressType' },
    computed('Ports', '.ports', (slice) => orNone(list(slice.ports).map((p) => String(p.port)).join(','))),
    computed('Endpoints', '.endpoints', (slice) => orNone(list(slice.endpoints).flatMap((e) => (Array.isArray(e.addresses) ? e.addresses : [])).join(','))),
    ageColumn,
  ],
  CustomResourceDefinition: [{ name: 'Created At', type: 'string', jsonPath: '.metadata.creationTimestamp' }],
};

/** The columns after NAME for a built-in kind; AGE alone for kinds without a dedicated printer. */
export function defaultPrinterColumns(kind: string): PrinterColumn[] {
  return columnsOfKind[kind] ?? [ageColumn];
}
