// The `provisioned:` part of awaiting a Gateway: what the implementation created for it (found as upstream's
// GatewayInfrastructure test finds it: Deployments, Services and Pods labelled
// gateway.networking.k8s.io/gateway-name=<gateway> in the Gateway's namespace) must exist and each carry the
// Gateway's spec.infrastructure labels and annotations. Polled with a bounded number of list calls.
import { AppsV1Api, CoreV1Api, type V1ObjectMeta } from '@kubernetes/client-node';
import type { KubeClient } from '../../harness/kube/kube-client.ts';
import type { AwaitedObject } from '../../harness/scenario/scenario-types.ts';

export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const INTERVAL_MS = 200;

export class ProvisionedMetadataError extends Error {
  readonly code = 'GAUNTLET_PROVISIONED_METADATA';
  constructor(message: string) {
    super(message);
    this.name = 'ProvisionedMetadataError';
  }
}

type Expected = NonNullable<AwaitedObject['provisioned']>;

export async function awaitProvisioned(kube: KubeClient, awaited: AwaitedObject, expected: Expected, timeoutMs: number): Promise<void> {
  const core = kube.config.makeApiClient(CoreV1Api);
  const apps = kube.config.makeApiClient(AppsV1Api);
  const query = { namespace: awaited.namespace, labelSelector: `${GATEWAY_NAME_LABEL}=${awaited.name}` };
  const attempts = Math.max(1, Math.ceil(timeoutMs / INTERVAL_MS));
  let problem = 'nothing listed yet';
  for (let attempt = 0; attempt < attempts; attempt++) {
    const [deployments, services, pods] = await Promise.all([apps.listNamespacedDeployment(query), core.listNamespacedService(query), core.listNamespacedPod(query)]);
    const found = [
      ...deployments.items.map((item) => ({ kind: 'Deployment', metadata: item.metadata })),
      ...services.items.map((item) => ({ kind: 'Service', metadata: item.metadata })),
      ...pods.items.map((item) => ({ kind: 'Pod', metadata: item.metadata })),
    ];
    const missing = found.flatMap(({ kind, metadata }) => missingMetadata(kind, metadata, expected));
    if (found.length > 0 && missing.length === 0) return;
    problem = found.length === 0 ? `no Deployment, Service or Pod labelled ${query.labelSelector}` : missing.join('; ');
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
  throw new ProvisionedMetadataError(
    `${awaited.source.file}:${awaited.source.line}: objects provisioned for Gateway ${awaited.namespace}/${awaited.name} lack the expected metadata within ${timeoutMs / 1000}s: ${problem}`,
  );
}

/** Each expected label or annotation the object lacks (or carries with another value), described. */
export function missingMetadata(kind: string, metadata: V1ObjectMeta | undefined, expected: Expected): string[] {
  const name = `${kind} ${metadata?.name ?? '(unnamed)'}`;
  const lacks = (what: string, actual: Record<string, string> | undefined, wanted: Record<string, string>) =>
    Object.entries(wanted)
      .filter(([key, value]) => actual?.[key] !== value)
      .map(([key, value]) => `${name} has ${what} ${key}=${actual?.[key] ?? '(none)'}, expected ${value}`);
  return [...lacks('label', metadata?.labels, expected.labels), ...lacks('annotation', metadata?.annotations, expected.annotations)];
}
