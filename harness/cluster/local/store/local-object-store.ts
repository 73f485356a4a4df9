// The local cluster's store as its own parts use it: the lead's ObjectStore contract plus delete
// options, which graceful Pod deletion needs (the kubelet removes a Pod it has stopped with
// gracePeriodSeconds 0; a client's DELETE may ask for a grace period of its own).

import type { KubeObject, ObjectMeta, ObjectStore, ResourceKey } from './object-store-contract.ts';

export interface DeleteOptions {
  /** Seconds the object's owner (the kubelet, for a Pod) gets to shut down; 0 removes it at once. */
  gracePeriodSeconds?: number;
}

export interface LocalObjectStore extends ObjectStore {
  delete(key: ResourceKey, namespace: string | undefined, name: string, options?: DeleteOptions): KubeObject;
}

/** ObjectMeta with the one deletion field the contract's type leaves out. */
export type DeletionMeta = ObjectMeta & { deletionGracePeriodSeconds?: number };

export function deletionGracePeriodOf(object: KubeObject): number | undefined {
  return (object.metadata as DeletionMeta).deletionGracePeriodSeconds;
}
