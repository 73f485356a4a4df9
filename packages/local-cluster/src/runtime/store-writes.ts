// Writes controllers make through the store, with the API server's semantics: status through the
// status subresource and only when it changed (so no write storms and no needless resourceVersions).
import { isDeepStrictEqual } from 'node:util';
import { ApiError } from '../store/api-error.ts';
import type { KubeObject, ObjectStore, ResourceKey } from '../store/object-store-contract.ts';

/** Writes `status` to `object` (as read, with its resourceVersion); a no-op when equal. Throws Conflict when stale. */
export function writeStatusIfChanged(store: ObjectStore, key: ResourceKey, object: KubeObject, status: unknown): KubeObject {
  if (isDeepStrictEqual(object.status, status)) return object;
  return store.update(key, { ...object, status }, { subresource: 'status' });
}

/** Deletes, treating "already gone" as done. */
export function deleteIfExists(store: ObjectStore, key: ResourceKey, namespace: string | undefined, name: string): void {
  try {
    store.delete(key, namespace, name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.reason === 'NotFound';
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.reason === 'Conflict';
}
