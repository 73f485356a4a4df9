// Which resources carry metadata.generation. In Kubernetes it is each kind's registry strategy that sets
// and bumps it: the workload kinds, EndpointSlices, CRDs, admission policies and every custom resource
// do; the plain core kinds below do not (Pods only gained one in 1.33, behind a feature gate; the local
// cluster reports 1.32).

import type { ResourceKey } from './object-store-contract.ts';

const WITHOUT_GENERATION = new Set([
  '/pods',
  '/services',
  '/endpoints',
  '/configmaps',
  '/secrets',
  '/serviceaccounts',
  '/namespaces',
  '/events',
  'events.k8s.io/events',
  'coordination.k8s.io/leases',
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/rolebindings',
  'rbac.authorization.k8s.io/clusterroles',
  'rbac.authorization.k8s.io/clusterrolebindings',
]);

export function tracksGeneration(key: ResourceKey): boolean {
  return !WITHOUT_GENERATION.has(`${key.group}/${key.resource}`);
}
