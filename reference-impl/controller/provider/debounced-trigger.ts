// Coalesces bursts of watch events into one run of an async task: waits for a quiet period (or a
// maximum delay under a constant stream of events), never runs two at once, and runs once more if
// events arrived while it ran.
export class DebouncedTrigger {
  readonly #task: () => Promise<void>;
  readonly #onError: (error: unknown) => void;
  readonly #quietMs: number;
  readonly #maxDelayMs: number;
  #timer: NodeJS.Timeout | undefined;
  #firstRequestAt: number | undefined;
  #running = false;
  #pendingWhileRunning = false;
  /** A delayed run asked for while running (the task asking to be retried): scheduled when it ends. */
  #retryAfterMs: number | undefined;
  #stopped = false;

  constructor(task: () => Promise<void>, options: { quietMs: number; maxDelayMs: number; onError: (error: unknown) => void }) {
    this.#task = task;
    this.#onError = options.onError;
    this.#quietMs = options.quietMs;
    this.#maxDelayMs = options.maxDelayMs;
  }

  trigger(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#pendingWhileRunning = true;
      return;
    }
    const now = Date.now();
    this.#firstRequestAt ??= now;
    const remainingMax = this.#firstRequestAt + this.#maxDelayMs - now;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), Math.max(0, Math.min(this.#quietMs, remainingMax)));
  }

  /** Runs the task after `delayMs` unless something triggers it sooner; may be called from the task itself. */
  triggerAfter(delayMs: number): void {
    if (this.#stopped || this.#timer !== undefined) return;
    if (this.#running) {
      this.#retryAfterMs = Math.min(this.#retryAfterMs ?? delayMs, delayMs);
      return;
    }
    this.#timer = setTimeout(() => void this.#run(), delayMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  async #run(): Promise<void> {
    this.#timer = undefined;
    this.#firstRequestAt = undefined;
    this.#running = true;
    try {
      await this.#task();
    } catch (error) {
      this.#onError(error);
    } finally {
      this.#running = false;
      const retryAfterMs = this.#retryAfterMs;
      this.#retryAfterMs = undefined;
      if (this.#pendingWhileRunning) {
        this.#pendingWhileRunning = false;
        this.trigger();
      } else if (retryAfterMs !== undefined) {
        this.triggerAfter(retryAfterMs);
      }
    }
  }
}
