// How long deleting a Pod waits for its kubelet, by the rules of the real API server's Pod strategy:
// a Pod no node runs, or whose containers all ended, has nothing to stop and goes at once; otherwise the
// grace period the client asked for, else the Pod's terminationGracePeriodSeconds (default 30).

import type { KubeObject } from './object-store-contract.ts';

type Json = Record<string, unknown>;

function fieldsOf(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** Seconds; 0 means remove the Pod now. */
export function podGracePeriodSeconds(pod: KubeObject, requested: number | undefined): number {
  const spec = fieldsOf(pod.spec);
  const phase = fieldsOf(pod.status).phase;
  if (typeof spec.nodeName !== 'string' || spec.nodeName === '') return 0;
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  const fromSpec = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 30;
  return Math.max(0, Math.floor(requested ?? fromSpec));
}
