// Installs the project's own controller (which provisions proxies per Gateway) and its GatewayClass.
import { applyManifests } from '../kube/apply-manifests.ts';
import { awaitObject } from '../kube/await-object.ts';
import { conditionIs, deploymentAvailable } from '../kube/conditions.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { refOf } from '../kube/kube-client.ts';
import { referenceInstallManifest } from './project-paths.ts';
import { readManifests } from './read-manifests.ts';

export async function installReferenceImplementation(kube: KubeClient, options: { timeoutMs: number }): Promise<void> {
  const manifests = await readManifests(referenceInstallManifest);
  await applyManifests(kube, manifests);
  for (const { object } of manifests) {
    if (object.kind === 'Deployment') {
      await awaitObject(kube, refOf(object), { expectation: 'all replicas available', check: deploymentAvailable, ...options });
    }
    if (object.kind === 'GatewayClass') {
      await awaitObject(kube, refOf(object), { expectation: 'condition Accepted=True', check: conditionIs('Accepted', 'True'), ...options });
    }
  }
}
