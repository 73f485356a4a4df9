// The Deployment and LoadBalancer Service that run one Gateway's proxy. Pure builders: the
// provisioner compares their output with what the cluster holds.
import type { InfraIntent } from '../translator/translation-result.ts';
import { infraName, proxySelectorLabels } from './infra-names.ts';

export const PROXY_ADMIN_PORT = 19001;
export const DEFAULT_PROXY_IMAGE = 'gateway-gauntlet/proxy:dev';

export interface ProxyManifestOptions {
  image: string;
  /** `host:port` of this controller's config server, as the proxy must dial it. */
  configServer: string;
  /** More environment for every proxy (a deliberate deviation's settings, deviation.ts); default none. */
  extraEnv?: { name: string; value: string }[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string>; ownerReferences: OwnerReference[] };
  spec: Record<string, unknown>;
}

/**
 * The Gateway's spec.infrastructure labels and annotations, on the objects and on the pods. Our own labels win a
 * clash: the Service and the Deployment select the pods by them.
 */
function propagatedMetadata(intent: InfraIntent): { labels: Record<string, string>; annotations?: Record<string, string> } {
  const labels = { ...intent.infrastructure?.labels, ...proxySelectorLabels(intent.gateway.name) };
  const annotations = intent.infrastructure?.annotations ?? {};
  return Object.keys(annotations).length > 0 ? { labels, annotations } : { labels };
}

function metadataFor(intent: InfraIntent): ManifestObject['metadata'] {
  return {
    name: infraName(intent.gateway.name),
    namespace: intent.gateway.namespace,
    ...propagatedMetadata(intent),
    // Deleting the Gateway deletes its proxy (garbage collection follows the controller reference).
    ownerReferences: [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        name: intent.gateway.name,
        uid: intent.gateway.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };
}

export function proxyDeployment(intent: InfraIntent, options: ProxyManifestOptions): ManifestObject {
  const labels = proxySelectorLabels(intent.gateway.name);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadataFor(intent),
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: propagatedMetadata(intent),
        spec: {
          containers: [
            {
              name: 'proxy',
              image: options.image,
              env: [
                { name: 'GATEWAY_NAMESPACE', value: intent.gateway.namespace },
                { name: 'GATEWAY_NAME', value: intent.gateway.name },
                { name: 'CONFIG_SERVER', value: options.configServer },
                { name: 'ADMIN_PORT', value: String(PROXY_ADMIN_PORT) },
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                ...(options.extraEnv ?? []),
              ],
              ports: [
                ...intent.ports.map((port) => ({ name: `listener-${port}`, containerPort: port, protocol: 'TCP' })),
                ...intent.udpPorts.map((port) => ({ name: `udp-${port}`, containerPort: port, protocol: 'UDP' })),
                { name: 'admin', containerPort: PROXY_ADMIN_PORT, protocol: 'TCP' },
              ],
              readinessProbe: { httpGet: { path: '/ready', port: PROXY_ADMIN_PORT }, periodSeconds: 2 },
            },
          ],
        },
      },
    },
  };
}

/** Fields of a proxy object's spec that the controller sets only sometimes: absent from the desired object, they are cleared. */
export const CLEARABLE_SPEC_FIELDS: Record<string, readonly string[]> = { Service: ['loadBalancerIP'] };

export function proxyService(intent: InfraIntent): ManifestObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataFor(intent),
    spec: {
      type: 'LoadBalancer',
      // The Gateway's static address, asked of the load balancer in the field clouds and MetalLB honour.
      ...(intent.loadBalancerIp ? { loadBalancerIP: intent.loadBalancerIp } : {}),
      selector: proxySelectorLabels(intent.gateway.name),
      // A port number may carry both transports (a TCP and a UDP listener): the names tell them apart.
      ports: [
        ...intent.ports.map((port) => ({ name: `listener-${port}`, port, targetPort: port, protocol: 'TCP' })),
        ...intent.udpPorts.map((port) => ({ name: `udp-${port}`, port, targetPort: port, protocol: 'UDP' })),
      ],
    },
  };
}
