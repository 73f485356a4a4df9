// The local cluster's storage: what etcd plus the API server's generic registry do in Kubernetes,
// kept in memory. It knows nothing about which resources exist (the API server's registry does);
// it keeps objects per ResourceKey and applies the semantics every resource shares: resourceVersion,
// uid, generation (on the kinds that have one), generateName, optimistic concurrency, the status
// subresource split, finalizers, graceful Pod deletion, watches, namespace deletion and garbage
// collection through ownerReferences.

import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ApiError, alreadyExists, badRequest, conflict, invalid, notFound } from './api-error.ts';
import { cloneJson } from './clone-json.ts';
import { generateName } from './generate-name.ts';
import { tracksGeneration } from './generation-tracking.ts';
import type { DeleteOptions, 
  KubeObject,
  ListResult,ObjectStore, 
  ResourceKey,
  WatchEvent,
  WatchEventType,
  WriteOptions,} from './object-store-contract.ts';
import { podGracePeriodSeconds } from './pod-grace-period.ts';
import { rfc3339Seconds } from './rfc3339.ts';
import { WatchDispatcher } from './watch-dispatcher.ts';
import { type RecordedEvent, WatchHistory } from './watch-history.ts';

export interface MemoryObjectStoreOptions {
  /** How many recent changes a watch can resume from (default 10000). */
  historyLimit?: number;
  /** Clock for creationTimestamp/deletionTimestamp (tests pass a fixed one). */
  now?: () => Date;
  /** Called when a watcher's callback throws; the store itself carries on. */
  onWatcherError?: (error: unknown) => void;
}

const NAMESPACES: ResourceKey = { group: '', resource: 'namespaces' };
const PODS: ResourceKey = { group: '', resource: 'pods' };
const GENERATE_NAME_ATTEMPTS = 8;

interface Location {
  key: ResourceKey;
  namespace: string | undefined;
  name: string;
}

export class MemoryObjectStore implements ObjectStore {
  /** resource key ("group/resource") -> object key ("namespace/name") -> stored object. */
  readonly #buckets = new Map<string, Map<string, KubeObject>>();
  /** Every stored object's uid: owners are looked up by uid for garbage collection. */
  readonly #uids = new Map<string, Location>();
  readonly #history: WatchHistory;
  readonly #dispatcher: WatchDispatcher;
  readonly #now: () => Date;
  #resourceVersion = 0;

  constructor(options: MemoryObjectStoreOptions = {}) {
    this.#history = new WatchHistory(options.historyLimit ?? 10000);
    this.#dispatcher = new WatchDispatcher(options.onWatcherError ?? (() => {}));
    this.#now = options.now ?? (() => new Date());
  }

  /** The newest resourceVersion handed out (what a list returns). */
  get resourceVersion(): string {
    return String(this.#resourceVersion);
  }

  get(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined {
    const stored = this.#bucket(key).get(objectKey(namespace, name));
    return stored ? cloneJson(stored) : undefined;
  }

  list(key: ResourceKey, namespace?: string, atResourceVersion?: string): ListResult {
    const ns = normaliseNamespace(namespace);
    const current = new Map([...this.#bucket(key).entries()].filter(([, object]) => ns === undefined || object.metadata.namespace === ns));
    let state = current;
    let resourceVersion = this.#resourceVersion;
    if (atResourceVersion !== undefined) {
      resourceVersion = parseResourceVersion(atResourceVersion);
      state = this.#stateAt(key, ns, resourceVersion, current);
    }
    const entries = [...state.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { items: entries.map(([, object]) => cloneJson(object)), resourceVersion: String(resourceVersion) };
  }

  /**
   * Forgets the change history up to now, as etcd compaction does: a watch or a list at an older
   * resourceVersion (an informer resuming, a paged list continuing) then gets 410 Expired.
   */
  compact(): void {
    this.#history.compact(this.#resourceVersion);
  }

  create(key: ResourceKey, object: KubeObject): KubeObject {
    requireMetadata(object);
    const next = cloneJson(object);
    const namespace = normaliseNamespace(next.metadata.namespace);
    if (namespace === undefined) delete next.metadata.namespace;
    else next.metadata.namespace = namespace;
    if (namespace !== undefined) this.#refuseTerminatingNamespace(namespace);
    next.metadata.name = this.#nameForCreate(key, next);
    const bucket = this.#bucket(key);
    const id = objectKey(namespace, next.metadata.name);
    if (bucket.has(id)) throw alreadyExists(key.group, key.resource, next.metadata.name);

    next.metadata.uid = randomUUID();
    if (tracksGeneration(key)) next.metadata.generation = 1;
    else delete next.metadata.generation;
    next.metadata.creationTimestamp = rfc3339Seconds(this.#now());
    delete next.metadata.deletionTimestamp;
    delete next.metadata.deletionGracePeriodSeconds;
    this.#write(key, next, 'ADDED');
    this.#uids.set(next.metadata.uid, { key, namespace, name: next.metadata.name });
    return cloneJson(next);
  }

  update(key: ResourceKey, object: KubeObject, options: WriteOptions = {}): KubeObject {
    requireMetadata(object);
    const namespace = normaliseNamespace(object.metadata.namespace);
    const name = object.metadata.name;
    if (!name) throw invalid(object.kind ?? key.resource, key.group, '', [nameRequired()]);
    const stored = this.#bucket(key).get(objectKey(namespace, name));
    if (!stored) throw notFound(key.group, key.resource, name);
    checkPreconditions(key, stored, object);

    const next =
      options.subresource === 'status' ? withStatusOf(stored, object) : withSpecOf(stored, object, tracksGeneration(key));
    if (isDeepStrictEqual(withoutResourceVersion(next), withoutResourceVersion(stored))) {
      return cloneJson(stored); // a no-op write changes nothing, as in Kubernetes: no new resourceVersion
    }
    // The write that clears the last finalizer of an object being deleted removes it (a Pod still in its
    // grace period stays until its kubelet deletes it).
    const removable = next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0 && !next.metadata.deletionGracePeriodSeconds;
    const isNamespace = sameKey(key, NAMESPACES);
    if (removable && !isNamespace) return this.#remove(key, next);
    this.#write(key, next, 'MODIFIED');
    // A namespace goes only once empty, whatever cleared its last finalizer.
    if (removable && isNamespace) return cloneJson(this.#removeNamespaceIfDone(name) ?? next);
    return cloneJson(next);
  }

  /**
   * Removes the object, or marks it (deletionTimestamp, deletionGracePeriodSeconds) when something must
   * happen first: a running Pod's kubelet stops it within its grace period, then deletes it with
   * gracePeriodSeconds 0; finalizers hold any object until the update that clears the last one.
   */
  delete(key: ResourceKey, namespace: string | undefined, name: string, options: DeleteOptions = {}): KubeObject {
    const stored = this.#bucket(key).get(objectKey(normaliseNamespace(namespace), name));
    if (!stored) throw notFound(key.group, key.resource, name);
    if (sameKey(key, NAMESPACES)) return this.#terminateNamespace(stored);
    const grace = sameKey(key, PODS) ? podGracePeriodSeconds(stored, options.gracePeriodSeconds) : 0;
    if (grace === 0 && (stored.metadata.finalizers ?? []).length === 0) return this.#remove(key, cloneJson(stored));
    const current = stored.metadata.deletionGracePeriodSeconds;
    // A later deletion may shorten the wait, never lengthen it.
    if (stored.metadata.deletionTimestamp && current !== undefined && current <= grace) return cloneJson(stored);
    const marked = cloneJson(stored);
    marked.metadata.deletionTimestamp = rfc3339Seconds(new Date(this.#now().getTime() + grace * 1000));
    marked.metadata.deletionGracePeriodSeconds = grace;
    this.#write(key, marked, 'MODIFIED');
    return cloneJson(marked);
  }

  watch(
    key: ResourceKey,
    namespace: string | undefined,
    sinceResourceVersion: string | undefined,
    onEvent: (event: WatchEvent) => void,
  ): () => void {
    const ns = normaliseNamespace(namespace);
    // "0" and "" mean "from any point" in Kubernetes: start with the current state, like no version at all.
    if (sinceResourceVersion === undefined || sinceResourceVersion === '' || sinceResourceVersion === '0') {
      const current = this.list(key, ns).items.map((object) => this.#recorded(key, object, 'ADDED'));
      return this.#dispatcher.add(key, ns, this.#resourceVersion, current, onEvent);
    }
    const since = parseResourceVersion(sinceResourceVersion);
    return this.#dispatcher.add(key, ns, since, this.#history.since(key, ns, since), onEvent);
  }

  /** The objects as they were at `resourceVersion`: the current ones with every later change undone. */
  #stateAt(key: ResourceKey, namespace: string | undefined, resourceVersion: number, current: Map<string, KubeObject>): Map<string, KubeObject> {
    if (resourceVersion > this.#resourceVersion) {
      throw new ApiError(504, 'Timeout', `Too large resource version: ${resourceVersion}, current: ${this.#resourceVersion}`, {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      });
    }
    const state = new Map(current);
    for (const change of this.#history.since(key, namespace, resourceVersion).reverse()) {
      const { metadata } = change.event.object;
      if (change.previous === undefined) state.delete(objectKey(metadata.namespace, metadata.name));
      else state.set(objectKey(metadata.namespace, metadata.name), change.previous);
    }
    return state;
  }

  #bucket(key: ResourceKey): Map<string, KubeObject> {
    const id = `${key.group}/${key.resource}`;
    let bucket = this.#buckets.get(id);
    if (!bucket) {
      bucket = new Map();
      this.#buckets.set(id, bucket);
    }
    return bucket;
  }

  #nameForCreate(key: ResourceKey, object: KubeObject): string {
    if (object.metadata.name) return object.metadata.name;
    const prefix = object.metadata.generateName;
    if (!prefix) throw invalid(object.kind ?? key.resource, key.group, '', [nameRequired()]);
    const bucket = this.#bucket(key);
    for (let attempt = 0; attempt < GENERATE_NAME_ATTEMPTS; attempt++) {
      const candidate = generateName(prefix);
      if (!bucket.has(objectKey(normaliseNamespace(object.metadata.namespace), candidate))) return candidate;
    }
    throw alreadyExists(key.group, key.resource, `${prefix}*`);
  }

  /** Stores `object` under a new resourceVersion and tells watchers. */
  #write(key: ResourceKey, object: KubeObject, type: WatchEventType): void {
    this.#resourceVersion += 1;
    object.metadata.resourceVersion = String(this.#resourceVersion);
    const bucket = this.#bucket(key);
    const id = objectKey(object.metadata.namespace, object.metadata.name);
    // Stored objects are replaced, never changed in place: the history may keep the one replaced.
    const previous = bucket.get(id);
    bucket.set(id, object);
    this.#publish(key, object, type, previous);
  }

  #remove(key: ResourceKey, object: KubeObject): KubeObject {
    const bucket = this.#bucket(key);
    const id = objectKey(object.metadata.namespace, object.metadata.name);
    const previous = bucket.get(id);
    bucket.delete(id);
    if (object.metadata.uid) this.#uids.delete(object.metadata.uid);
    this.#resourceVersion += 1;
    object.metadata.resourceVersion = String(this.#resourceVersion);
    this.#publish(key, object, 'DELETED', previous);
    if (object.metadata.uid) this.#collectDependentsOf(object.metadata.uid);
    if (object.metadata.namespace !== undefined) this.#removeNamespaceIfDone(object.metadata.namespace);
    return cloneJson(object);
  }

  /**
   * What the namespace controller does: the namespace turns Terminating, everything in it is deleted
   * (Pods gracefully), and the namespace goes once nothing is left in it.
   */
  #terminateNamespace(stored: KubeObject): KubeObject {
    const name = stored.metadata.name;
    let result = stored;
    if (!stored.metadata.deletionTimestamp) {
      const marked = cloneJson(stored);
      result = marked;
      marked.metadata.deletionTimestamp = rfc3339Seconds(this.#now());
      marked.metadata.deletionGracePeriodSeconds = 0;
      marked.status = { ...(typeof marked.status === 'object' ? marked.status : {}), phase: 'Terminating' };
      this.#write(NAMESPACES, marked, 'MODIFIED');
      for (const [id, bucket] of this.#buckets) {
        const key = resourceKeyOf(id);
        for (const object of [...bucket.values()]) {
          if (object.metadata.namespace === name) this.#deleteIfPresent(key, object);
        }
      }
    }
    const removed = this.#removeNamespaceIfDone(name);
    return cloneJson(removed ?? this.#bucket(NAMESPACES).get(objectKey(undefined, name)) ?? result);
  }

  /** Removes a Terminating namespace once it is empty; returns the removed namespace. */
  #removeNamespaceIfDone(name: string): KubeObject | undefined {
    const namespace = this.#bucket(NAMESPACES).get(objectKey(undefined, name));
    if (!namespace?.metadata.deletionTimestamp || (namespace.metadata.finalizers ?? []).length > 0) return undefined;
    for (const bucket of this.#buckets.values()) {
      for (const object of bucket.values()) if (object.metadata.namespace === name) return undefined;
    }
    return this.#remove(NAMESPACES, cloneJson(namespace));
  }

  /** The NamespaceLifecycle admission rule: nothing new goes into a namespace being deleted. */
  #refuseTerminatingNamespace(namespace: string): void {
    if (!this.#bucket(NAMESPACES).get(objectKey(undefined, namespace))?.metadata.deletionTimestamp) return;
    throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, {
      name: namespace,
      kind: 'namespaces',
    });
  }

  /** Background garbage collection: an object whose every owner is gone is deleted. */
  #collectDependentsOf(ownerUid: string): void {
    for (const [id, bucket] of this.#buckets) {
      const key = resourceKeyOf(id);
      for (const object of [...bucket.values()]) {
        const owners = object.metadata.ownerReferences ?? [];
        if (!owners.some((owner) => owner.uid === ownerUid)) continue;
        if (owners.every((owner) => !this.#uids.has(owner.uid))) this.#deleteIfPresent(key, object);
      }
    }
  }

  /** Deletes an object found during a cascade, unless an earlier step of the cascade already did. */
  #deleteIfPresent(key: ResourceKey, object: KubeObject): void {
    if (!this.#bucket(key).has(objectKey(object.metadata.namespace, object.metadata.name))) return;
    this.delete(key, object.metadata.namespace, object.metadata.name);
  }

  #publish(key: ResourceKey, object: KubeObject, type: WatchEventType, previous: KubeObject | undefined): void {
    const entry = this.#recorded(key, cloneJson(object), type);
    this.#history.record(previous === undefined ? entry : { ...entry, previous });
    this.#dispatcher.publish(entry);
  }

  #recorded(key: ResourceKey, object: KubeObject, type: WatchEventType): RecordedEvent {
    return {
      key,
      namespace: object.metadata.namespace,
      resourceVersion: Number(object.metadata.resourceVersion ?? this.#resourceVersion),
      event: { type, object },
    };
  }
}

function sameKey(a: ResourceKey, b: ResourceKey): boolean {
  return a.group === b.group && a.resource === b.resource;
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function resourceKeyOf(id: string): ResourceKey {
  const slash = id.indexOf('/');
  return { group: id.slice(0, slash), resource: id.slice(slash + 1) };
}

function normaliseNamespace(namespace: string | undefined): string | undefined {
  return namespace === '' ? undefined : namespace;
}

function parseResourceVersion(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw badRequest(`invalid resourceVersion "${value}": a resourceVersion is an integer taken from a list or get`);
  }
  return Number(value);
}

function requireMetadata(object: KubeObject): void {
  if (typeof object !== 'object' || object === null || typeof object.metadata !== 'object' || !object.metadata) {
    throw badRequest('the object has no metadata: send an object with metadata.name (or metadata.generateName)');
  }
}

function nameRequired() {
  return { field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' };
}

function checkPreconditions(key: ResourceKey, stored: KubeObject, sent: KubeObject): void {
  const name = stored.metadata.name;
  const sentVersion = sent.metadata.resourceVersion;
  if (sentVersion && sentVersion !== stored.metadata.resourceVersion) {
    throw conflict(
      key.group,
      key.resource,
      name,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  }
  const sentUid = sent.metadata.uid;
  if (sentUid && sentUid !== stored.metadata.uid) {
    throw conflict(
      key.group,
      key.resource,
      name,
      `Precondition failed: UID in precondition: ${sentUid}, UID in object meta: ${stored.metadata.uid ?? ''}`,
    );
  }
}

/** A status write: only .status changes; spec and metadata stay as stored. */
function withStatusOf(stored: KubeObject, sent: KubeObject): KubeObject {
  const next = cloneJson(stored);
  if (sent.status === undefined) delete next.status;
  else next.status = cloneJson(sent.status);
  return next;
}

/** A main-resource write: everything but .status and the server-owned metadata changes. */
function withSpecOf(stored: KubeObject, sent: KubeObject, withGeneration: boolean): KubeObject {
  const next = cloneJson(sent);
  delete next.status;
  if (stored.status !== undefined) next.status = cloneJson(stored.status);
  const kept = stored.metadata;
  next.metadata.namespace = kept.namespace;
  if (kept.namespace === undefined) delete next.metadata.namespace;
  next.metadata.uid = kept.uid;
  next.metadata.creationTimestamp = kept.creationTimestamp;
  next.metadata.resourceVersion = kept.resourceVersion;
  if (kept.deletionTimestamp) next.metadata.deletionTimestamp = kept.deletionTimestamp;
  else delete next.metadata.deletionTimestamp;
  const grace = stored.metadata.deletionGracePeriodSeconds;
  if (grace !== undefined) next.metadata.deletionGracePeriodSeconds = grace;
  else delete next.metadata.deletionGracePeriodSeconds;
  if (!withGeneration) {
    delete next.metadata.generation;
    return next;
  }
  const generation = kept.generation ?? 1;
  next.metadata.generation = specOf(next, stored) ? generation : generation + 1;
  return next;
}

/** True when nothing outside metadata and status (and apiVersion, which only names a version) differs. */
function specOf(a: KubeObject, b: KubeObject): boolean {
  const { metadata: _am, status: _as, apiVersion: _av, ...restA } = a;
  const { metadata: _bm, status: _bs, apiVersion: _bv, ...restB } = b;
  return isDeepStrictEqual(restA, restB);
}

function withoutResourceVersion(object: KubeObject): KubeObject {
  const { resourceVersion: _rv, ...metadata } = object.metadata;
  return { ...object, metadata: metadata as KubeObject['metadata'] };
}
