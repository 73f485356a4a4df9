// EndpointSlices as the cluster's EndpointSlice controller would keep them for a golden case: for each Service
// with a selector and no slice of its own in the case, one slice listing every replica of the Deployments in
// its namespace whose pod labels it selects, all ready, each replica on its own 127.10.x.y address (numbered
// in namespace/name order of the Deployments), with the Service's ports resolved to container ports.
import type { KubeObject } from '@gauntlet/local-cluster';
import { SERVICE_NAME_LABEL } from '../../../../reference-impl/controller/translator/snapshot-index.ts';

interface ServiceShape {
  selector?: Record<string, string>;
  ports?: { name?: string; port: number; protocol?: string; targetPort?: number | string; appProtocol?: string }[];
}

interface DeploymentShape {
  replicas?: number;
  template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { ports?: { name?: string; containerPort: number }[] }[] } };
}

export function endpointSlicesFor(services: KubeObject[], deployments: KubeObject[], existing: KubeObject[]): KubeObject[] {
  const addresses = podAddresses(deployments);
  return services.flatMap((service) => {
    const namespace = service.metadata.namespace ?? '';
    const spec = (service.spec ?? {}) as ServiceShape;
    const hasSlice = existing.some((slice) => slice.metadata.namespace === namespace && (slice.metadata.labels as Record<string, string> | undefined)?.[SERVICE_NAME_LABEL] === service.metadata.name);
    if (hasSlice || !spec.selector || Object.keys(spec.selector).length === 0) return [];
    const selected = deployments.filter((deployment) => deployment.metadata.namespace === namespace && selects(spec.selector ?? {}, deploymentOf(deployment).template?.metadata?.labels));
    if (selected.length === 0) return [];
    const containerPorts = selected.flatMap((deployment) => deploymentOf(deployment).template?.spec?.containers?.flatMap((container) => container.ports ?? []) ?? []);
    return [
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: `${service.metadata.name}-golden`, namespace, labels: { [SERVICE_NAME_LABEL]: service.metadata.name } },
        addressType: 'IPv4',
        endpoints: selected.flatMap((deployment) => addresses.get(deployment) ?? []).map((address) => ({ addresses: [address], conditions: { ready: true } })),
        ports: (spec.ports ?? []).map((port) => ({
          ...(port.name ? { name: port.name } : {}),
          port: targetPortNumber(port.targetPort ?? port.port, containerPorts),
          protocol: port.protocol ?? 'TCP',
          ...(port.appProtocol ? { appProtocol: port.appProtocol } : {}),
        })),
      },
    ];
  });
}

function deploymentOf(object: KubeObject): DeploymentShape {
  return (object.spec ?? {}) as DeploymentShape;
}

function podAddresses(deployments: KubeObject[]): Map<KubeObject, string[]> {
  const sorted = [...deployments].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : Number(keyOf(a) > keyOf(b))));
  const addresses = new Map<KubeObject, string[]>();
  let pod = 0;
  for (const deployment of sorted) {
    const replicas = deploymentOf(deployment).replicas ?? 1;
    addresses.set(
      deployment,
      Array.from({ length: replicas }, () => {
        const address = `127.10.${Math.floor(pod / 250)}.${(pod % 250) + 1}`;
        pod += 1;
        return address;
      }),
    );
  }
  return addresses;
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function selects(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

/** A named targetPort is the container port of that name; a number is itself. */
function targetPortNumber(target: number | string, containerPorts: { name?: string; containerPort: number }[]): number {
  if (typeof target === 'number') return target;
  return containerPorts.find((port) => port.name === target)?.containerPort ?? 0;
}
