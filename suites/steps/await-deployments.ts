// The Deployments a scenario applies (its own backends) are awaited until every replica is available before any
// traffic, as upstream's conformance suite waits for the pods of its namespaces to be ready. Without this, a
// control plane that programs the Gateway quickly (hundreds of milliseconds) lets a split start while one
// backend's pod is still starting, and that backend's connections count as failures.
import { AppsV1Api, type V1Deployment } from '@kubernetes/client-node';
import type { KubeClient } from '../../harness/kube/kube-client.ts';
import type { LocatedManifest } from '../../harness/kube/manifest.ts';

const INTERVAL_MS = 100;

export class DeploymentNotAvailableError extends Error {
  readonly code = 'GAUNTLET_DEPLOYMENT_NOT_AVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'DeploymentNotAvailableError';
  }
}

/** Why `deployment` is not fully available yet; undefined once it is (every wanted replica updated and available). */
export function unavailability(deployment: V1Deployment): string | undefined {
  const wanted = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  if ((status.observedGeneration ?? 0) < (deployment.metadata?.generation ?? 0)) return 'its controller has not seen the latest spec yet';
  const available = status.availableReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (available < wanted || updated < wanted) return `${available} of ${wanted} replicas available, ${updated} updated`;
  return undefined;
}

export async function awaitDeploymentsAvailable(kube: KubeClient, manifests: readonly LocatedManifest[], timeoutMs: number): Promise<void> {
  const deployments = manifests.filter(({ object }) => object.kind === 'Deployment' && object.apiVersion === 'apps/v1');
  if (deployments.length === 0) return;
  const apps = kube.config.makeApiClient(AppsV1Api);
  const deadline = performance.now() + timeoutMs;
  for (const { object, source } of deployments) {
    // A manifest without a namespace went to the kubeconfig context's default one, as kubectl apply does.
    const namespace = object.metadata.namespace ?? 'default';
    const name = object.metadata.name;
    let problem = 'not read yet';
    while (performance.now() < deadline) {
      problem = unavailability(await apps.readNamespacedDeployment({ namespace, name })) ?? '';
      if (problem === '') break;
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
    }
    if (problem !== '') {
      throw new DeploymentNotAvailableError(
        `${source.file}:${source.line}: Deployment ${namespace}/${name} was not available ${timeoutMs / 1000} s after it was applied (${problem}): see its pods' events and logs (kubectl describe pod -n ${namespace})`,
      );
    }
  }
}
