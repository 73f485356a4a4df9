// A Gateway's attachedRoutes as its status says: one listener's, or the sum over its listeners. Used to
// tell when many routes have attached, and when their deletion has gone through.
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { ObjectRef } from '../../../harness/scenario/scenario-types.ts';

interface GatewayStatus {
  status?: { listeners?: { name: string; attachedRoutes?: number }[] };
}

export async function attachedRoutes(kube: KubeClient, gateway: ObjectRef, listener?: string): Promise<number> {
  const object = (await kube.read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace: gateway.namespace, name: gateway.name })) as GatewayStatus | undefined;
  const listeners = (object?.status?.listeners ?? []).filter((entry) => listener === undefined || entry.name === listener);
  return listeners.reduce((sum, entry) => sum + (entry.attachedRoutes ?? 0), 0);
}

/** Polls until attachedRoutes equals `expected`; returns performance.now() when it did, undefined at the deadline. */
export async function awaitAttachedRoutes(kube: KubeClient, gateway: ObjectRef, expected: number, deadline: number, listener?: string): Promise<number | undefined> {
  while (performance.now() < deadline) {
    if ((await attachedRoutes(kube, gateway, listener)) === expected) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}
