// Where this host reaches a ready pod of a Service directly, skipping the gateway: the direct-to-backend
// baseline of a load run. Read from the Service's EndpointSlices (a ready endpoint's address, the port
// that serves the Service port), then mapped to what the host dials (the local cluster may map ports).
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Cluster, HostEndpoint } from '../../../harness/cluster/cluster.ts';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { ObjectRef } from '../../../harness/scenario/scenario-types.ts';

interface Slice {
  ports?: { name?: string; port?: number }[];
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[];
}

interface ServicePort {
  name?: string;
  port: number;
}

export class BackendEndpointError extends Error {
  readonly code = 'GAUNTLET_BACKEND_ENDPOINT';
  constructor(message: string) {
    super(message);
    this.name = 'BackendEndpointError';
  }
}

export async function backendPodEndpoint(kube: KubeClient, cluster: Cluster, service: ObjectRef, port: number): Promise<HostEndpoint & { pod: string }> {
  const object = (await kube.read({ apiVersion: 'v1', kind: 'Service', namespace: service.namespace, name: service.name })) as (KubernetesObject & { spec?: { ports?: ServicePort[] } }) | undefined;
  const where = `Service ${service.namespace}/${service.name}`;
  if (object === undefined) throw new BackendEndpointError(`${where} does not exist: the baseline needs it`);
  const servicePort = object.spec?.ports?.find((candidate) => candidate.port === port);
  if (servicePort === undefined) throw new BackendEndpointError(`${where} has no port ${port}; its ports are ${(object.spec?.ports ?? []).map((p) => p.port).join(', ') || 'none'}`);
  const list = await kube.objects.list('discovery.k8s.io/v1', 'EndpointSlice', service.namespace, undefined, undefined, undefined, undefined, `kubernetes.io/service-name=${service.name}`);
  for (const slice of list.items as (KubernetesObject & Slice)[]) {
    const slicePort = slice.ports?.find((candidate) => (candidate.name ?? '') === (servicePort.name ?? ''))?.port;
    const endpoint = slice.endpoints?.find((candidate) => candidate.conditions?.ready !== false && candidate.addresses.length > 0);
    const address = endpoint?.addresses[0];
    if (slicePort !== undefined && address !== undefined) return { ...(await cluster.reach(address, slicePort)), pod: address };
  }
  throw new BackendEndpointError(`${where} port ${port} has no ready endpoint: the baseline needs a ready pod`);
}
