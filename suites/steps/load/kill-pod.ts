// The disruption of a failover run: one pod matching a selector deleted with no grace period (the
// closest the API has to kill -9), at a set time into the load.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { KillPodSpec } from '../../../harness/scenario/scenario-types.ts';

export class KillPodError extends Error {
  readonly code = 'GAUNTLET_KILL_POD';
  constructor(message: string) {
    super(message);
    this.name = 'KillPodError';
  }
}

export function labelSelectorText(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** Deletes the first running pod that matches; returns its name. */
export async function killOnePod(kube: KubeClient, spec: KillPodSpec): Promise<string> {
  const selector = labelSelectorText(spec.selector);
  const list = await kube.objects.list('v1', 'Pod', spec.namespace, undefined, undefined, undefined, undefined, selector);
  const running = (list.items as (KubernetesObject & { status?: { phase?: string } })[]).filter((pod) => pod.status?.phase === 'Running' && pod.metadata?.deletionTimestamp === undefined);
  const victim = running[0];
  if (victim?.metadata?.name === undefined) throw new KillPodError(`no running pod matches ${selector} in namespace ${spec.namespace}: nothing to kill`);
  await kube.objects.delete({ apiVersion: 'v1', kind: 'Pod', metadata: { name: victim.metadata.name, namespace: spec.namespace } }, undefined, undefined, 0);
  return victim.metadata.name;
}
