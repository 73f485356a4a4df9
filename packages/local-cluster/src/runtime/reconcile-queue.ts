// A controller's work queue: keys ("namespace/name") are coalesced while waiting, reconciled one at a
// time, and retried with a growing delay when a reconcile throws (a Conflict from a concurrent writer is
// the common case: the retry reads the newer object). As in Kubernetes, a reconcile reads current state
// from the store, so running it once for several triggers is enough.
import { ApiError } from '../store/api-error.ts';

export type Reconcile = (key: string) => Promise<void> | void;

const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 5000;

export class ReconcileQueue {
  readonly #name: string;
  readonly #reconcile: Reconcile;
  readonly #log: (line: string) => void;
  readonly #pending = new Set<string>();
  readonly #failures = new Map<string, number>();
  /** One delayed add per key: the earliest wins. */
  readonly #timers = new Map<string, { timer: NodeJS.Timeout; at: number }>();
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(name: string, reconcile: Reconcile, log: (line: string) => void) {
    this.#name = name;
    this.#reconcile = reconcile;
    this.#log = log;
  }

  add(key: string): void {
    if (this.#stopped) return;
    this.#pending.add(key);
    this.#running ??= this.#drain();
  }

  addAfter(key: string, delayMs: number): void {
    if (this.#stopped) return;
    const at = Date.now() + delayMs;
    const scheduled = this.#timers.get(key);
    if (scheduled && scheduled.at <= at) return;
    if (scheduled) clearTimeout(scheduled.timer);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.#timers.set(key, { timer, at });
  }

  /** Stops taking work and waits for the reconcile in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#pending.clear();
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await this.#running;
  }

  async #drain(): Promise<void> {
    // Let the synchronous burst of watch events that triggered us land first.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      for (let key = this.#next(); key !== undefined && !this.#stopped; key = this.#next()) {
        await this.#runOne(key);
      }
    } finally {
      this.#running = undefined;
    }
  }

  #next(): string | undefined {
    const first = this.#pending.values().next();
    if (first.done) return undefined;
    this.#pending.delete(first.value);
    return first.value;
  }

  async #runOne(key: string): Promise<void> {
    try {
      await this.#reconcile(key);
      this.#failures.delete(key);
    } catch (error) {
      const failures = (this.#failures.get(key) ?? 0) + 1;
      this.#failures.set(key, failures);
      const expected = error instanceof ApiError && (error.reason === 'Conflict' || error.reason === 'AlreadyExists');
      if (!expected || failures > 3) {
        this.#log(`${this.#name}: reconcile of ${key} failed (attempt ${failures}, retrying): ${describe(error)}`);
      }
      this.addAfter(key, Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
