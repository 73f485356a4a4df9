// The contract between the local cluster's parts: the API server serves an ObjectStore over HTTP,
// the runtime (the local stand-in for kubelet and the built-in controllers) reads and writes it
// in-process. Semantics follow the Kubernetes API server: one global increasing resourceVersion,
// metadata.generation bumped on spec changes, status written only through the status subresource.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  /** Seconds granted to the object's owner (the kubelet, for a Pod) between deletionTimestamp being set and removal. */
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  generateName?: string;
  managedFields?: unknown[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Identifies a served resource, e.g. { group: 'apps', resource: 'deployments' }. Core group is ''. */
export interface ResourceKey {
  group: string;
  resource: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
}

export interface DeleteOptions {
  /** Seconds the object's owner (the kubelet, for a Pod) gets to shut down; 0 removes it at once. */
  gracePeriodSeconds?: number;
}

export interface WriteOptions {
  /** 'status' writes only .status (and leaves spec alone); undefined writes everything but .status. */
  subresource?: 'status';
}

/**
 * Errors thrown by the store carry the HTTP code and Kubernetes Status reason the API server answers with
 * (NotFound 404, AlreadyExists 409, Conflict 409, Invalid 422, Gone/Expired 410, BadRequest 400).
 */
export interface ObjectStore {
  get(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined;
  /**
   * The objects in key order (namespace/name). With `atResourceVersion`, as they were then (a consistent
   * snapshot for paged lists); 410 Expired once the change history no longer reaches back that far.
   */
  list(key: ResourceKey, namespace?: string, atResourceVersion?: string): ListResult;
  /** Assigns uid, resourceVersion, creationTimestamp and, for kinds that keep one, generation 1; honours generateName. */
  create(key: ResourceKey, object: KubeObject): KubeObject;
  /** Replaces the object; a set metadata.resourceVersion that is not current is a Conflict. */
  update(key: ResourceKey, object: KubeObject, options?: WriteOptions): KubeObject;
  /** Pods with a node are deleted gracefully: marked with deletionTimestamp, removed by the kubelet (or grace 0). */
  delete(key: ResourceKey, namespace: string | undefined, name: string, options?: DeleteOptions): KubeObject;
  /**
   * Calls `onEvent` for every change after `sinceResourceVersion` (all current objects as ADDED when it
   * is undefined), then for every later change, until the returned function is called.
   */
  watch(
    key: ResourceKey,
    namespace: string | undefined,
    sinceResourceVersion: string | undefined,
    onEvent: (event: WatchEvent) => void,
  ): () => void;
}
