// The Deployments a scenario applies (its own backends) are awaited until every replica is available before any
// traffic, as upstream's conformance suite waits for the pods of its namespaces to be ready. Without this, a
// control plane that programs the Gateway quickly (hundreds of milliseconds) lets a split start while one
// backend's pod is still starting, and that backend's connections count as failures.
import { AwaitTimeoutError, awaitObject } from '../../harness/kube/await-object.ts';
import { deploymentAvailable, deploymentUnavailability } from '../../harness/kube/conditions.ts';
import type { KubeClient } from '../../harness/kube/kube-client.ts';
import type { LocatedManifest } from '../../harness/kube/manifest.ts';

export class DeploymentNotAvailableError extends Error {
  readonly code = 'GAUNTLET_DEPLOYMENT_NOT_AVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'DeploymentNotAvailableError';
  }
}

/** One deadline for all of them; a time-out names the manifest's file and line. */
export async function awaitDeploymentsAvailable(kube: KubeClient, manifests: readonly LocatedManifest[], timeoutMs: number): Promise<void> {
  const deployments = manifests.filter(({ object }) => object.kind === 'Deployment' && object.apiVersion === 'apps/v1');
  const deadline = performance.now() + timeoutMs;
  for (const { object, source } of deployments) {
    // A manifest without a namespace went to the kubeconfig context's default one, as kubectl apply does.
    const namespace = object.metadata.namespace ?? 'default';
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: object.metadata.name };
    const remainingMs = Math.max(0, deadline - performance.now());
    try {
      await awaitObject(kube, ref, { expectation: 'all replicas available', check: deploymentAvailable, timeoutMs: remainingMs });
    } catch (error) {
      if (!(error instanceof AwaitTimeoutError)) throw error;
      const problem = error.lastSeen === undefined ? 'it does not exist' : deploymentUnavailability(error.lastSeen);
      throw new DeploymentNotAvailableError(
        `${source.file}:${source.line}: Deployment ${namespace}/${ref.name} was not available ${timeoutMs / 1000} s after it was applied (${problem}): see its pods' events and logs (kubectl describe pod -n ${namespace})`,
      );
    }
  }
}
