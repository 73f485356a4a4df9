// Coalesces bursts of watch events into one run of an async task: waits for a quiet period (or a
// maximum delay under a constant stream of events), never runs two at once, and runs once more if
// events arrived while it ran. An event that comes alone (none in the quiet period before it) waits only
// `firstQuietMs`: a single change (one route applied) then reaches the proxies without the whole quiet
// period, which was a fifth of the propagation delay, while a burst (1,000 routes created) still gathers.
// After a run, the next waits at least `restRatio` times as long as that run took: under a stream of changes
// (5,000 routes created) back-to-back passes over the whole cluster took the CPU the status writes needed, and
// settling took twice as long; a lone change after a quiet spell finds the rest long over.
export class DebouncedTrigger {
  readonly #task: () => Promise<void>;
  readonly #onError: (error: unknown) => void;
  readonly #quietMs: number;
  readonly #firstQuietMs: number;
  readonly #maxDelayMs: number;
  readonly #restRatio: number;
  /** Date.now() before which no run starts: the rest after the last run. */
  #restUntil = 0;
  #timer: NodeJS.Timeout | undefined;
  #firstRequestAt: number | undefined;
  #lastTriggerAt: number | undefined;
  /** The quiet period the latest trigger asks for: firstQuietMs after a quiet spell, quietMs within a burst. */
  #currentQuietMs = 0;
  #running = false;
  #pendingWhileRunning = false;
  /** A delayed run asked for while running (the task asking to be retried): scheduled when it ends. */
  #retryAfterMs: number | undefined;
  #stopped = false;

  /** `firstQuietMs` (default: quietMs) is the wait of a trigger that follows none within quietMs. */
  constructor(task: () => Promise<void>, options: { quietMs: number; firstQuietMs?: number; maxDelayMs: number; restRatio?: number; onError: (error: unknown) => void }) {
    this.#task = task;
    this.#onError = options.onError;
    this.#quietMs = options.quietMs;
    this.#firstQuietMs = Math.min(options.firstQuietMs ?? options.quietMs, options.quietMs);
    this.#maxDelayMs = options.maxDelayMs;
    this.#restRatio = options.restRatio ?? 0;
  }

  trigger(): void {
    if (this.#stopped) return;
    const now = Date.now();
    const inBurst = this.#lastTriggerAt !== undefined && now - this.#lastTriggerAt < this.#quietMs;
    this.#lastTriggerAt = now;
    this.#currentQuietMs = inBurst ? this.#quietMs : this.#firstQuietMs;
    if (this.#running) {
      this.#pendingWhileRunning = true;
      return;
    }
    this.#schedule(now);
  }

  /** Runs once the latest trigger's quiet period has passed, or the maximum delay since the first pending one. */
  #schedule(now: number): void {
    this.#firstRequestAt ??= now;
    const remainingMax = this.#firstRequestAt + this.#maxDelayMs - now;
    const remainingQuiet = (this.#lastTriggerAt ?? now) + this.#currentQuietMs - now;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), Math.max(0, Math.min(remainingQuiet, remainingMax), this.#restUntil - now));
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
    const started = Date.now();
    try {
      await this.#task();
    } catch (error) {
      this.#onError(error);
    } finally {
      this.#running = false;
      const ended = Date.now();
      this.#restUntil = ended + (ended - started) * this.#restRatio;
      const retryAfterMs = this.#retryAfterMs;
      this.#retryAfterMs = undefined;
      if (this.#pendingWhileRunning) {
        this.#pendingWhileRunning = false;
        // Events that came during the run have been waiting: only what is left of their quiet period remains.
        if (!this.#stopped) this.#schedule(Date.now());
      } else if (retryAfterMs !== undefined) {
        this.triggerAfter(retryAfterMs);
      }
    }
  }
}
