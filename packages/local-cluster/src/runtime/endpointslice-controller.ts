// The EndpointSlice controller: for every Service with a selector, keeps EndpointSlices (labelled
// kubernetes.io/service-name and managed-by endpointslice-controller.k8s.io, owned by the Service) in
// step with the Pods it selects. Services without a selector are left to whoever manages their slices.
import { isDeepStrictEqual } from 'node:util';
import type { ObjectStore } from '../store/object-store-contract.ts';
import { type DesiredSlice, desiredEndpointSlices, MANAGED_BY, MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './endpoint-slice-computation.ts';
import type { EndpointSlice, Pod, Service } from './kube-shapes.ts';
import { controllerReferenceTo, isControlledBy, objectKeyOf, splitObjectKey } from './owner-references.ts';
import { ReconcileQueue } from './reconcile-queue.ts';
import type { Controller } from './replicaset-controller.ts';
import { ENDPOINT_SLICES, PODS, SERVICES } from './resource-keys.ts';
import { deleteIfExists } from './store-writes.ts';

export function startEndpointSliceController(store: ObjectStore, log: (line: string) => void): Controller {
  const queue = new ReconcileQueue('endpointslice-controller', (key) => reconcileService(store, key), log);
  const stopWatches = [
    store.watch(SERVICES, undefined, undefined, ({ object }) => queue.add(objectKeyOf(object.metadata.namespace, object.metadata.name))),
    // A pod change can matter to any Service of its namespace; the reconcile recomputes from the store.
    store.watch(PODS, undefined, undefined, ({ object }) => {
      for (const service of store.list(SERVICES, object.metadata.namespace).items) {
        queue.add(objectKeyOf(service.metadata.namespace, service.metadata.name));
      }
    }),
    // Someone else changed or removed one of our slices: put it right.
    store.watch(ENDPOINT_SLICES, undefined, undefined, ({ object }) => {
      const labels = object.metadata.labels ?? {};
      const service = labels[SERVICE_NAME_LABEL];
      if (service && labels[MANAGED_BY_LABEL] === MANAGED_BY) queue.add(objectKeyOf(object.metadata.namespace, service));
    }),
  ];
  return {
    async stop() {
      for (const stopWatch of stopWatches) stopWatch();
      await queue.stop();
    },
  };
}

function reconcileService(store: ObjectStore, key: string): void {
  const { namespace, name } = splitObjectKey(key);
  const service = store.get(SERVICES, namespace, name) as Service | undefined;
  if (!service || service.metadata.deletionTimestamp) return; // owned slices go with it
  const existing = (store.list(ENDPOINT_SLICES, namespace).items as EndpointSlice[]).filter(
    (slice) => slice.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY && isControlledBy(slice, service),
  );
  const hasSelector = Object.keys(service.spec.selector ?? {}).length > 0;
  if (!hasSelector) {
    for (const slice of existing) deleteIfExists(store, ENDPOINT_SLICES, namespace, slice.metadata.name);
    return;
  }
  const desired = desiredEndpointSlices(service, store.list(PODS, namespace).items as Pod[]);
  const unused = [...existing];
  for (const want of desired) {
    // Reuse the slice that already carries these ports, else any spare one, else create.
    const index = Math.max(unused.findIndex((s) => isDeepStrictEqual(s.ports ?? [], want.ports)), unused.length > 0 ? 0 : -1);
    const [reuse] = index >= 0 ? unused.splice(index, 1) : [];
    writeSlice(store, service, want, reuse);
  }
  for (const slice of unused) deleteIfExists(store, ENDPOINT_SLICES, namespace, slice.metadata.name);
}

function writeSlice(store: ObjectStore, service: Service, want: DesiredSlice, current: EndpointSlice | undefined): void {
  const labels = {
    ...(service.metadata.labels ?? {}),
    [SERVICE_NAME_LABEL]: service.metadata.name,
    [MANAGED_BY_LABEL]: MANAGED_BY,
  };
  const body: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: current
      ? { ...current.metadata, labels }
      : {
          name: '',
          generateName: `${service.metadata.name}-`,
          namespace: service.metadata.namespace,
          labels,
          ownerReferences: [controllerReferenceTo(service)],
        },
    addressType: 'IPv4',
    endpoints: want.endpoints,
  };
  if (want.ports.length > 0) body.ports = want.ports;
  if (!current) {
    store.create(ENDPOINT_SLICES, body);
    return;
  }
  const same =
    isDeepStrictEqual(current.endpoints ?? [], body.endpoints) &&
    isDeepStrictEqual(current.ports, body.ports) &&
    isDeepStrictEqual(current.metadata.labels, labels) &&
    current.addressType === 'IPv4';
  if (!same) store.update(ENDPOINT_SLICES, body);
}
