// Waits, bounded, until a cluster has settled after an apply: every Deployment rolled out (observed, every
// replica updated and ready, no old one left) and every Pod Ready and not terminating. On timeout the error
// lists what is still unsettled, with each waiting container's reason and message.
import type { Kubectl } from '../../../packages/local-cluster/test/support/kubectl.ts';

export interface ClusterObject {
  metadata: { name: string; namespace?: string; generation?: number; deletionTimestamp?: string; labels?: Record<string, string> };
  spec?: { replicas?: number; containers?: { name: string }[] };
  status?: {
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    podIP?: string;
    containerStatuses?: { name: string; state?: { waiting?: { reason?: string; message?: string } } }[];
    [field: string]: unknown;
  };
}

export function conditionOf(object: ClusterObject, type: string) {
  return object.status?.conditions?.find((condition) => condition.type === type);
}

export async function awaitRolledOut(kubectl: Kubectl, timeoutMs: number): Promise<{ pods: ClusterObject[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = JSON.parse(await kubectl.run(['get', 'deployments,pods', '-A', '-o', 'json'])).items as (ClusterObject & { kind: string })[];
    const pods = items.filter((item) => item.kind === 'Pod');
    const unsettled = [
      ...items.filter((item) => item.kind === 'Deployment' && !rolledOut(item)).map((d) => `Deployment ${qualified(d)}: ${JSON.stringify(d.status ?? {})}`),
      ...pods.filter((pod) => pod.metadata.deletionTimestamp || conditionOf(pod, 'Ready')?.status !== 'True').map((pod) => `Pod ${qualified(pod)}: ${podProblem(pod)}`),
    ];
    if (unsettled.length === 0) return { pods };
    if (Date.now() > deadline) throw new Error(`not settled after ${timeoutMs / 1000} s:\n${unsettled.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function rolledOut(deployment: ClusterObject): boolean {
  const want = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  return status.observedGeneration === deployment.metadata.generation && status.replicas === want && status.updatedReplicas === want && status.readyReplicas === want;
}

function podProblem(pod: ClusterObject): string {
  if (pod.metadata.deletionTimestamp) return 'terminating';
  const waiting = (pod.status?.containerStatuses ?? []).flatMap((c) => (c.state?.waiting ? [`${c.name} ${c.state.waiting.reason ?? ''} ${c.state.waiting.message ?? ''}`] : []));
  return waiting.length > 0 ? waiting.join('; ') : `Ready ${conditionOf(pod, 'Ready')?.status ?? 'unknown'}`;
}

function qualified(object: ClusterObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
