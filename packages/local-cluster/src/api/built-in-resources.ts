// The Kubernetes built-in resources this API server serves, with the names kubectl expects.

import type { ResourceInfo } from './resource-info.ts';
import { defaultPrinterColumns } from './table/to-table.ts';

interface BuiltIn {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  hasStatus?: boolean;
  shortNames?: string[];
  categories?: string[];
}

const BUILT_INS: BuiltIn[] = [
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, hasStatus: true, shortNames: ['ns'] },
  // The runtime's kubelet registers the one node (its InternalIP is where NodePorts are served).
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false, hasStatus: true, shortNames: ['no'] },
  { group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true, hasStatus: true, shortNames: ['svc'], categories: ['all'] },
  { group: '', version: 'v1', resource: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'] },
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, hasStatus: true, shortNames: ['po'], categories: ['all'] },
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] },
  { group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'] },
  { group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] },
  // Stored apart from core v1 events (the real server keeps one store for both): enough for event writers.
  { group: 'events.k8s.io', version: 'v1', resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, hasStatus: true, shortNames: ['deploy'], categories: ['all'] },
  { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true, hasStatus: true, shortNames: ['rs'], categories: ['all'] },
  { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', kind: 'RoleBinding', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
  { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', kind: 'Lease', namespaced: true },
  // Stored and served, not enforced: the Gateway API install bundle ships a policy that guards CRD upgrades.
  { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingadmissionpolicies', kind: 'ValidatingAdmissionPolicy', namespaced: false, hasStatus: true },
  { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingadmissionpolicybindings', kind: 'ValidatingAdmissionPolicyBinding', namespaced: false },
  {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    resource: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    hasStatus: true,
    shortNames: ['crd', 'crds'],
  },
];

export function builtInResources(): ResourceInfo[] {
  return BUILT_INS.map((b) => ({
    group: b.group,
    version: b.version,
    resource: b.resource,
    kind: b.kind,
    listKind: `${b.kind}List`,
    singularName: b.kind.toLowerCase(),
    namespaced: b.namespaced,
    shortNames: b.shortNames ?? [],
    categories: b.categories ?? [],
    hasStatus: b.hasStatus ?? false,
    builtIn: true,
    printerColumns: defaultPrinterColumns(b.kind),
  }));
}

export const NAMESPACES_KEY = { group: '', resource: 'namespaces' };
export const CRDS_KEY = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };
export const SERVICES_KEY = { group: '', resource: 'services' };
