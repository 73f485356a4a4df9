// Installs the pinned Gateway API CRDs where they are missing; never overwrites what a cluster already has.
import { applyManifests } from '../kube/apply-manifests.ts';
import type { CrdBundle } from '../kube/gateway-api-crds.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { refOf } from '../kube/kube-client.ts';
import { readManifests } from './read-manifests.ts';

export interface CrdInstallResult {
  installed: string[];
  alreadyPresent: string[];
}

export async function installGatewayApiCrds(kube: KubeClient, bundle: CrdBundle): Promise<CrdInstallResult> {
  const crds = (await readManifests(bundle.path)).filter((m) => m.object.kind === 'CustomResourceDefinition');
  const missing = [];
  const alreadyPresent = [];
  for (const crd of crds) {
    if (await kube.read(refOf(crd.object))) alreadyPresent.push(crd.object.metadata.name);
    else missing.push(crd);
  }
  await applyManifests(kube, missing);
  return { installed: missing.map((m) => m.object.metadata.name), alreadyPresent };
}
