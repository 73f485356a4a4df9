// The resources the runtime reads and writes, as the object store names them.
import type { ResourceKey } from '../store/object-store-contract.ts';

export const PODS: ResourceKey = { group: '', resource: 'pods' };
export const SERVICES: ResourceKey = { group: '', resource: 'services' };
export const SECRETS: ResourceKey = { group: '', resource: 'secrets' };
export const EVENTS: ResourceKey = { group: '', resource: 'events' };
export const CONFIG_MAPS: ResourceKey = { group: '', resource: 'configmaps' };
export const DEPLOYMENTS: ResourceKey = { group: 'apps', resource: 'deployments' };
export const REPLICA_SETS: ResourceKey = { group: 'apps', resource: 'replicasets' };
export const ENDPOINT_SLICES: ResourceKey = { group: 'discovery.k8s.io', resource: 'endpointslices' };
export const NODES: ResourceKey = { group: '', resource: 'nodes' };
