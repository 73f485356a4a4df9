// A watch with a label or field selector sees objects enter and leave the selection, as the real API
// server reports them: a change that makes an object match arrives as ADDED, one that makes it stop
// matching as DELETED. Without this an informer keeps objects that no longer match forever.

import type { KubeObject, WatchEvent } from '../store/object-store-contract.ts';
import type { ObjectFilter } from './list-filter.ts';

export class WatchSelection {
  readonly #filter: ObjectFilter;
  /** uids of the objects the client currently holds as matching. */
  readonly #members = new Set<string>();

  /** `known` are the objects the client may already hold (what matched when the watch began). */
  constructor(filter: ObjectFilter, known: KubeObject[]) {
    this.#filter = filter;
    for (const object of known) if (filter(object)) this.#members.add(identity(object));
  }

  /** The event to send for a store event, or undefined when the client need not hear of it. */
  translate(event: WatchEvent): WatchEvent | undefined {
    const id = identity(event.object);
    const wasMember = this.#members.has(id);
    if (event.type === 'DELETED') {
      this.#members.delete(id);
      return wasMember || this.#filter(event.object) ? event : undefined;
    }
    const matches = this.#filter(event.object);
    if (matches) {
      this.#members.add(id);
      return wasMember ? { type: 'MODIFIED', object: event.object } : { type: 'ADDED', object: event.object };
    }
    if (!wasMember) return undefined;
    this.#members.delete(id);
    return { type: 'DELETED', object: event.object };
  }
}

function identity(object: KubeObject): string {
  return object.metadata.uid ?? `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
