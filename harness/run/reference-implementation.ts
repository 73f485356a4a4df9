// Installs the project's own controller (which provisions proxies per Gateway) and its GatewayClass, or the
// altered copy of it (reference-variants.ts).
import { applyManifests } from '../kube/apply-manifests.ts';
import { awaitObject } from '../kube/await-object.ts';
import { conditionIs, deploymentAvailable } from '../kube/conditions.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { refOf } from '../kube/kube-client.ts';
import { referenceInstallManifest } from './project-paths.ts';
import { readManifests } from './read-manifests.ts';
import { REFERENCE_VARIANTS, type ReferenceVariant, variantManifests } from './reference-variants.ts';

export async function installReferenceImplementation(kube: KubeClient, options: { timeoutMs: number; variant?: ReferenceVariant }): Promise<void> {
  const manifests = variantManifests(await readManifests(referenceInstallManifest), options.variant ?? (REFERENCE_VARIANTS[0] as ReferenceVariant));
  await applyManifests(kube, manifests);
  for (const { object } of manifests) {
    if (object.kind === 'Deployment') {
      await awaitObject(kube, refOf(object), { expectation: 'all replicas available', check: deploymentAvailable, timeoutMs: options.timeoutMs });
    }
    if (object.kind === 'GatewayClass') {
      await awaitObject(kube, refOf(object), { expectation: 'condition Accepted=True', check: conditionIs('Accepted', 'True'), timeoutMs: options.timeoutMs });
    }
  }
}
