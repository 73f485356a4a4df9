// Delivers store changes to watchers in resourceVersion order. Delivery is synchronous, but a write
// made from inside a watcher's callback is queued until the current event reached every watcher, so
// every watcher sees one global order. Each watcher remembers the last resourceVersion it got, so an
// event is never delivered twice (a watch started mid-delivery replays history itself).

import { cloneJson } from './clone-json.ts';
import type { ResourceKey, WatchEvent } from './object-store-contract.ts';
import type { RecordedEvent } from './watch-history.ts';

interface Watcher {
  key: ResourceKey;
  namespace: string | undefined;
  onEvent: (event: WatchEvent) => void;
  lastResourceVersion: number;
  stopped: boolean;
}

export class WatchDispatcher {
  readonly #watchers = new Set<Watcher>();
  readonly #pending: RecordedEvent[] = [];
  readonly #onCallbackError: (error: unknown) => void;
  #draining = false;

  constructor(onCallbackError: (error: unknown) => void) {
    this.#onCallbackError = onCallbackError;
  }

  get watcherCount(): number {
    return this.#watchers.size;
  }

  /**
   * Registers a watcher, first handing it `replay` (already in order) and then every published event
   * after `startAfter`. Returns the function that stops it.
   */
  add(
    key: ResourceKey,
    namespace: string | undefined,
    startAfter: number,
    replay: RecordedEvent[],
    onEvent: (event: WatchEvent) => void,
  ): () => void {
    const watcher: Watcher = { key, namespace, onEvent, lastResourceVersion: -1, stopped: false };
    this.#watchers.add(watcher);
    // The replay is delivered whole (an initial state is in name order, not resourceVersion order);
    // afterwards only events newer than what the replay covered get through.
    // Writes made by the callback during the replay wait until the replay is complete.
    const alreadyDraining = this.#draining;
    this.#draining = true;
    try {
      for (const entry of replay) this.#send(watcher, entry);
      watcher.lastResourceVersion = Math.max(startAfter, watcher.lastResourceVersion);
    } finally {
      this.#draining = alreadyDraining;
    }
    this.#drain();
    return () => {
      watcher.stopped = true;
      this.#watchers.delete(watcher);
    };
  }

  publish(entry: RecordedEvent): void {
    this.#pending.push(entry);
    this.#drain();
  }

  #drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (let next = this.#pending.shift(); next; next = this.#pending.shift()) {
        for (const watcher of this.#watchers) this.#deliver(watcher, next);
      }
    } finally {
      this.#draining = false;
    }
  }

  #deliver(watcher: Watcher, entry: RecordedEvent): void {
    if (watcher.stopped || entry.resourceVersion <= watcher.lastResourceVersion) return;
    this.#send(watcher, entry);
  }

  #send(watcher: Watcher, entry: RecordedEvent): void {
    if (watcher.key.group !== entry.key.group || watcher.key.resource !== entry.key.resource) return;
    if (watcher.namespace !== undefined && watcher.namespace !== entry.namespace) return;
    watcher.lastResourceVersion = Math.max(watcher.lastResourceVersion, entry.resourceVersion);
    try {
      // Each watcher gets its own copy: one watcher cannot change what another sees.
      watcher.onEvent({ type: entry.event.type, object: cloneJson(entry.event.object) });
    } catch (error) {
      this.#onCallbackError(error);
    }
  }
}
