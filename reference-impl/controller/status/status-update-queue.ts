// Status writes in the background of the reconciliation passes. A pass publishes the IR and hands its desired
// statuses here; the next pass may start at once. Before, every pass compared all statuses and awaited its
// writes' round trips first, and a route applied meanwhile waited for all of that: with 1,000 routes, the
// comparisons alone were a fifth of the controller's CPU on the propagation path.
// - Latest wins: a status still waiting when a newer pass submits one for the same object is replaced.
// - One write per object at a time: a newer status for an object being written waits for that write, then is
//   compared with what it left (own-status-writes.ts), so an object is never written twice in parallel.
// - At most `concurrency` writes in flight; comparisons run in slices that yield to the event loop, so a
//   watch event (and the pass it asks for) is not held up behind 1,000 comparisons.
// - Back-pressure (waitingAtMost): the reconciler ends a pass only once the backlog is small, so under a stream of
//   changes passes do not pile up statuses faster than they are written (5,000 routes settled twice as slowly).
import type { StatusUpdate } from '../translator/translation-result.ts';
import type { StatusWriteOutcome, StoredStatus } from './status-writer.ts';

export interface QueuedStatus {
  update: StatusUpdate;
  /** The stored status the update was computed against. */
  stored: StoredStatus;
}

export interface StatusUpdateQueueOptions {
  writer: { write(update: StatusUpdate, stored: StoredStatus): Promise<StatusWriteOutcome> };
  /** Writes in flight at once. */
  concurrency: number;
  onWritten: (update: StatusUpdate) => void;
  onFailed: (update: StatusUpdate, error: unknown) => void;
}

/** Statuses compared in one go before the queue yields to the event loop. */
const SLICE = 64;

export class StatusUpdateQueue {
  readonly #options: StatusUpdateQueueOptions;
  /** Waiting, by object, in submission order. */
  readonly #waiting = new Map<string, QueuedStatus>();
  readonly #writing = new Set<string>();
  #lanes = 0;
  #idleWaiters: (() => void)[] = [];
  #backlogWaiters: { limit: number; resolve: () => void }[] = [];

  constructor(options: StatusUpdateQueueOptions) {
    this.#options = options;
  }

  /** Queues a pass's desired statuses; a waiting one for the same object is replaced. */
  submit(statuses: readonly QueuedStatus[]): void {
    for (const queued of statuses) {
      const key = keyOf(queued.update);
      // Delete first: the replaced entry goes to the back, behind those waiting longer.
      this.#waiting.delete(key);
      this.#waiting.set(key, queued);
    }
    while (this.#lanes < this.#options.concurrency && this.#nextKey() !== undefined) {
      this.#lanes += 1;
      void this.#lane();
    }
  }

  /** Resolves once nothing waits and nothing is being written. */
  idle(): Promise<void> {
    if (this.#lanes === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Resolves once at most `limit` statuses wait (not counting those being written). */
  waitingAtMost(limit: number): Promise<void> {
    if (this.#waiting.size <= limit) return Promise.resolve();
    return new Promise((resolve) => this.#backlogWaiters.push({ limit, resolve }));
  }

  get waiting(): number {
    return this.#waiting.size;
  }

  async #lane(): Promise<void> {
    let sinceYield = 0;
    for (let key = this.#nextKey(); key !== undefined; key = this.#nextKey()) {
      const queued = this.#waiting.get(key) as QueuedStatus;
      this.#waiting.delete(key);
      if (this.#backlogWaiters.length > 0) this.#wakeBacklogWaiters();
      this.#writing.add(key);
      try {
        const outcome = await this.#options.writer.write(queued.update, queued.stored);
        if (outcome === 'written') this.#options.onWritten(queued.update);
      } catch (error) {
        this.#options.onFailed(queued.update, error);
      } finally {
        this.#writing.delete(key);
      }
      sinceYield += 1;
      if (sinceYield >= SLICE) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    this.#lanes -= 1;
    if (this.#lanes === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #wakeBacklogWaiters(): void {
    const still: { limit: number; resolve: () => void }[] = [];
    for (const waiter of this.#backlogWaiters) {
      if (this.#waiting.size <= waiter.limit) waiter.resolve();
      else still.push(waiter);
    }
    this.#backlogWaiters = still;
  }

  /** The first waiting object not being written. */
  #nextKey(): string | undefined {
    for (const key of this.#waiting.keys()) if (!this.#writing.has(key)) return key;
    return undefined;
  }
}

function keyOf(update: StatusUpdate): string {
  return `${update.kind}/${update.namespace ?? ''}/${update.name}`;
}
