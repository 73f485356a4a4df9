// Where kube-proxy sends a connection to a Service port: the Service's ready endpoints for that named
// port, else its serving-and-terminating ones (so a rolling update drains instead of failing).
import type { ObjectStore } from '../store/object-store-contract.ts';
import { SERVICE_NAME_LABEL } from './endpoint-slice-computation.ts';
import type { EndpointSlice } from './kube-shapes.ts';
import { ENDPOINT_SLICES } from './resource-keys.ts';
import type { ForwardTarget } from './tcp-forwarder.ts';

export function serviceEndpoints(store: ObjectStore, namespace: string, name: string, portName: string): ForwardTarget[] {
  const { ready, fallback } = endpointsByReadiness(store, namespace, name, portName);
  return ready.length > 0 ? ready : fallback;
}

/** The Service port's one ready endpoint, when it has exactly one (a listener may then be lent to it). */
export function loneReadyEndpoint(store: ObjectStore, namespace: string, name: string, portName: string): ForwardTarget | undefined {
  const { ready } = endpointsByReadiness(store, namespace, name, portName);
  return ready.length === 1 ? ready[0] : undefined;
}

function endpointsByReadiness(store: ObjectStore, namespace: string, name: string, portName: string): { ready: ForwardTarget[]; fallback: ForwardTarget[] } {
  const slices = (store.list(ENDPOINT_SLICES, namespace).items as EndpointSlice[]).filter(
    (slice) => slice.metadata.labels?.[SERVICE_NAME_LABEL] === name,
  );
  const ready: ForwardTarget[] = [];
  const fallback: ForwardTarget[] = [];
  for (const slice of slices) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === portName);
    if (!port) continue;
    for (const endpoint of slice.endpoints ?? []) {
      const host = endpoint.addresses[0];
      if (!host) continue;
      if (endpoint.conditions.ready) ready.push({ host, port: port.port });
      else if (endpoint.conditions.serving && endpoint.conditions.terminating) fallback.push({ host, port: port.port });
    }
  }
  return { ready, fallback };
}
