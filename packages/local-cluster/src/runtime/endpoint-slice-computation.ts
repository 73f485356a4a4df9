// What the EndpointSlice controller writes for a Service, as a pure function of the Service and its
// namespace's Pods: one endpoint per selected Pod that has an IP, with ready/serving/terminating
// conditions and a targetRef, and the Service's ports resolved to the Pods' target ports (a named
// targetPort is looked up in each Pod's container ports). Pods whose ports resolve differently go to
// different slices, as in Kubernetes.
import type { Endpoint, EndpointPort, Pod, Service } from './kube-shapes.ts';
import { matchesServiceSelector } from './label-selector.ts';
import { isPodReady } from './pod-readiness.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';

export interface DesiredSlice {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

/** The slices a Service should have; one slice with no endpoints (and no ports) when nothing matches. */
export function desiredEndpointSlices(service: Service, pods: readonly Pod[]): DesiredSlice[] {
  const selector = service.spec.selector ?? {};
  const groups = new Map<string, DesiredSlice>();
  for (const pod of pods) {
    if (!matchesServiceSelector(selector, pod.metadata.labels) || !pod.status?.podIP) continue;
    const phase = pod.status.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const ports = resolvePorts(service, pod);
    const signature = JSON.stringify(ports);
    let group = groups.get(signature);
    if (!group) {
      group = { ports, endpoints: [] };
      groups.set(signature, group);
    }
    group.endpoints.push(endpointFor(service, pod));
  }
  if (groups.size === 0) return [{ ports: [], endpoints: [] }];
  for (const group of groups.values()) group.endpoints.sort((a, b) => a.targetRef.name.localeCompare(b.targetRef.name));
  return [...groups.values()];
}

function endpointFor(service: Service, pod: Pod): Endpoint {
  // As the real controller: serving is the Pod's readiness alone; ready is never true for a terminating
  // Pod unless the Service publishes addresses that are not ready.
  const terminating = Boolean(pod.metadata.deletionTimestamp);
  const serving = isPodReady(pod);
  const endpoint: Endpoint = {
    addresses: [pod.status?.podIP ?? ''],
    conditions: {
      ready: service.spec.publishNotReadyAddresses === true || (serving && !terminating),
      serving,
      terminating,
    },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, uid: pod.metadata.uid ?? '' },
  };
  if (pod.spec.nodeName) endpoint.nodeName = pod.spec.nodeName;
  return endpoint;
}

/** Service ports resolved for one Pod; a named targetPort the Pod does not declare leaves that port out. */
export function resolvePorts(service: Service, pod: Pod): EndpointPort[] {
  const resolved: EndpointPort[] = [];
  for (const servicePort of service.spec.ports ?? []) {
    const target = servicePort.targetPort ?? servicePort.port;
    const protocol = servicePort.protocol ?? 'TCP';
    const port = typeof target === 'number' || /^\d+$/.test(target) ? Number(target) : namedPort(pod, target, protocol);
    if (port === undefined) continue;
    const endpointPort: EndpointPort = { name: servicePort.name ?? '', port, protocol };
    if (servicePort.appProtocol) endpointPort.appProtocol = servicePort.appProtocol;
    resolved.push(endpointPort);
  }
  return resolved;
}

function namedPort(pod: Pod, name: string, protocol: string): number | undefined {
  for (const container of pod.spec.containers) {
    const found = container.ports?.find((p) => p.name === name && (p.protocol ?? 'TCP') === protocol);
    if (found) return found.containerPort;
  }
  return undefined;
}
