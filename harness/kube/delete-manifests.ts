// Deletes what a scenario applied, newest first, and waits until it is gone so the next scenario starts clean.
import { awaitDeletion } from './await-object.ts';
import { isNotFound, toKubeApiError } from './kube-api-error.ts';
import type { KubeClient } from './kube-client.ts';
import { refOf } from './kube-client.ts';
import type { LocatedManifest } from './manifest.ts';

export async function deleteManifests(
  client: KubeClient,
  manifests: LocatedManifest[],
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const reversed = [...manifests].reverse();
  for (const manifest of reversed) {
    try {
      await client.objects.delete(manifest.object, undefined, undefined, undefined, undefined, 'Background');
    } catch (error) {
      if (!isNotFound(error)) throw toKubeApiError(error, 'delete', manifest.object, manifest.source);
    }
  }
  for (const manifest of reversed) await awaitDeletion(client, refOf(manifest.object), options.timeoutMs ?? 30_000);
}
