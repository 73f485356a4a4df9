// Installs the pinned Gateway API CRDs where they are missing; never overwrites what a cluster already has.
// A cluster whose CRDs come from the standard channel cannot serve an experimental run (its CRDs lack the
// experimental fields, and the API server would prune them): that is an error saying how to install the other
// bundle, not a run whose experimental scenarios fail mysteriously.
import { applyManifests } from '../kube/apply-manifests.ts';
import type { CrdBundle } from '../kube/gateway-api-crds.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { refOf } from '../kube/kube-client.ts';
import { readManifests } from './read-manifests.ts';

/** The annotation the Gateway API bundles put on each CRD: the release channel it belongs to. */
export const CHANNEL_ANNOTATION = 'gateway.networking.k8s.io/channel';

export interface CrdInstallResult {
  installed: string[];
  alreadyPresent: string[];
}

export class CrdChannelMismatchError extends Error {
  readonly code = 'GAUNTLET_CRD_CHANNEL_MISMATCH';
  constructor(bundle: CrdBundle, present: { name: string; channel: string }[]) {
    super(
      `the cluster's Gateway API CRDs are not from the ${bundle.channel} channel a --channel ${bundle.channel} run needs ` +
        `(${present.map((crd) => `${crd.name}: ${crd.channel}`).join(', ')}); Gauntlet never replaces a cluster's CRDs: ` +
        `install that bundle yourself (kubectl apply --server-side -f ${bundle.path}) or run with the cluster's channel`,
    );
    this.name = 'CrdChannelMismatchError';
  }
}

export async function installGatewayApiCrds(kube: KubeClient, bundle: CrdBundle): Promise<CrdInstallResult> {
  const crds = (await readManifests(bundle.path)).filter((m) => m.object.kind === 'CustomResourceDefinition');
  const missing = [];
  const alreadyPresent = [];
  const otherChannel: { name: string; channel: string }[] = [];
  for (const crd of crds) {
    const present = await kube.read(refOf(crd.object));
    if (!present) {
      missing.push(crd);
      continue;
    }
    alreadyPresent.push(crd.object.metadata.name);
    const channel = present.metadata?.annotations?.[CHANNEL_ANNOTATION];
    // Experimental CRDs serve everything a standard run needs; the other way round is the problem.
    if (bundle.channel === 'experimental' && channel !== undefined && channel !== 'experimental') otherChannel.push({ name: crd.object.metadata.name, channel });
  }
  if (otherChannel.length > 0) throw new CrdChannelMismatchError(bundle, otherChannel);
  await applyManifests(kube, missing);
  return { installed: missing.map((m) => m.object.metadata.name), alreadyPresent };
}
