// Applies manifests the way `kubectl apply --server-side` does (unknown fields are errors, not dropped), in dependency order: CRDs and namespaces
// before what lives in them, and each CRD established before objects of its kinds.
import { awaitObject } from './await-object.ts';
import { toKubeApiError } from './kube-api-error.ts';
import type { KubeClient } from './kube-client.ts';
import { refOf } from './kube-client.ts';
import type { LocatedManifest } from './manifest.ts';

export const FIELD_MANAGER = 'gauntlet';

const applyOrder = ['CustomResourceDefinition', 'Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'Secret', 'ConfigMap'];

function rank(kind: string): number {
  const index = applyOrder.indexOf(kind);
  return index === -1 ? applyOrder.length : index;
}

export async function applyManifests(
  client: KubeClient,
  manifests: LocatedManifest[],
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const ordered = [...manifests].sort((a, b) => rank(a.object.kind) - rank(b.object.kind));
  for (const manifest of ordered) await applyOne(client, manifest);
  const crds = ordered.filter((m) => m.object.kind === 'CustomResourceDefinition');
  for (const crd of crds) {
    await awaitObject(client, refOf(crd.object), {
      timeoutMs: options.timeoutMs ?? 30_000,
      expectation: 'condition Established=True',
      check: (object) => hasCondition(object, 'Established', 'True'),
    });
  }
}

async function applyOne(client: KubeClient, manifest: LocatedManifest): Promise<void> {
  try {
    await client.objects.applyStrict(manifest.object, FIELD_MANAGER);
  } catch (error) {
    throw toKubeApiError(error, 'apply', manifest.object, manifest.source);
  }
}

function hasCondition(object: unknown, type: string, status: string): boolean {
  const conditions = (object as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions;
  return conditions?.some((condition) => condition.type === type && condition.status === status) ?? false;
}
