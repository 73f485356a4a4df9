// Creating and deleting many route copies through the API, a bounded number at a time, with the errors
// naming the object. Deleting ignores copies already gone, so cleanup after a failure is always safe.

import { FIELD_MANAGER } from '../../../harness/kube/apply-manifests.ts';
import { isNotFound, toKubeApiError } from '../../../harness/kube/kube-api-error.ts';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { LocatedManifest } from '../../../harness/scenario/scenario-types.ts';
import { inBatches } from './route-copies.ts';

export async function createObject(kube: KubeClient, manifest: LocatedManifest): Promise<void> {
  try {
    await kube.objects.create(manifest.object, undefined, undefined, FIELD_MANAGER);
  } catch (error) {
    throw toKubeApiError(error, 'create', manifest.object, manifest.source);
  }
}

export async function deleteObject(kube: KubeClient, manifest: LocatedManifest): Promise<void> {
  try {
    await kube.objects.delete(manifest.object);
  } catch (error) {
    if (!isNotFound(error)) throw toKubeApiError(error, 'delete', manifest.object, manifest.source);
  }
}

export const createAll = (kube: KubeClient, manifests: readonly LocatedManifest[], concurrency: number) => inBatches(manifests, concurrency, (manifest) => createObject(kube, manifest));
export const deleteAll = (kube: KubeClient, manifests: readonly LocatedManifest[], concurrency: number) => inBatches(manifests, concurrency, (manifest) => deleteObject(kube, manifest));
