// The bounded record of recent changes that lets a watch resume from a resourceVersion. Older
// changes are forgotten; a watch asking for them gets 410 Expired, and clients (informers, kubectl)
// then list again — the same contract as the real API server's watch cache.

import { ApiError } from './api-error.ts';
import type { ResourceKey, WatchEvent } from './object-store-contract.ts';

export interface RecordedEvent {
  key: ResourceKey;
  namespace: string | undefined;
  resourceVersion: number;
  event: WatchEvent;
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

  /** Events after `since` for one resource (and namespace, when given), oldest first. */
  since(key: ResourceKey, namespace: string | undefined, since: number): RecordedEvent[] {
    if (since < this.#forgottenThrough) {
      throw new ApiError(
        410,
        'Expired',
        `too old resource version: ${since} (${this.#forgottenThrough + 1}); list again to get a current resourceVersion`,
      );
    }
    return this.#events.filter(
      (e) =>
        e.resourceVersion > since &&
        e.key.group === key.group &&
        e.key.resource === key.resource &&
        (namespace === undefined || e.namespace === namespace),
    );
  }
}
