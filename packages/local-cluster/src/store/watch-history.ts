// The bounded record of recent changes that lets a watch resume from a resourceVersion and a paged list
// read the state as it was at its first page's resourceVersion (each change keeps the object as it was
// before). Older changes are forgotten (the history is bounded, and compact() forgets on purpose, as etcd
// compaction does); a watch or list asking for them gets 410 Expired, and clients (informers, kubectl)
// then list again — the same contract as the real API server's storage.

import { ApiError } from './api-error.ts';
import type { KubeObject, ResourceKey, WatchEvent } from './object-store-contract.ts';

export interface RecordedEvent {
  key: ResourceKey;
  namespace: string | undefined;
  resourceVersion: number;
  event: WatchEvent;
  /** The object as it was before this change; undefined for an ADDED event. */
  previous?: KubeObject;
}

export class WatchHistory {
  readonly #limit: number;
  #events: RecordedEvent[] = [];
  /** resourceVersion of the newest event that was dropped: history is complete after it. */
  #forgottenThrough = 0;

  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  record(entry: RecordedEvent): void {
    this.#events.push(entry);
    if (this.#events.length > this.#limit) {
      // Drop in batches so recording stays O(1) amortised.
      const drop = this.#events.length - this.#limit + Math.ceil(this.#limit / 10);
      const dropped = this.#events.splice(0, drop);
      const last = dropped.at(-1);
      if (last) this.#forgottenThrough = last.resourceVersion;
    }
  }

  /** Forgets every change up to and including `throughResourceVersion`. */
  compact(throughResourceVersion: number): void {
    this.#events = this.#events.filter((e) => e.resourceVersion > throughResourceVersion);
    this.#forgottenThrough = Math.max(this.#forgottenThrough, throughResourceVersion);
  }

  /** Events after `since` for one resource (and namespace, when given), oldest first; 410 Expired when forgotten. */
  since(key: ResourceKey, namespace: string | undefined, since: number): RecordedEvent[] {
    this.#requireKnown(since);
    return this.#events.filter(
      (e) =>
        e.resourceVersion > since &&
        e.key.group === key.group &&
        e.key.resource === key.resource &&
        (namespace === undefined || e.namespace === namespace),
    );
  }

  #requireKnown(since: number): void {
    if (since >= this.#forgottenThrough) return;
    throw new ApiError(
      410,
      'Expired',
      `too old resource version: ${since} (${this.#forgottenThrough + 1}); list again to get a current resourceVersion`,
    );
  }
}
