// The one timer of an upstream connection, for whichever limit its current phase has: connect, the response
// head (from the request's end), gaps in the response body, the idle keep-alive limit. Changing phase costs a
// clock read; the Node timer is replaced only when the new deadline comes before the pending one, otherwise it
// fires, finds time left and re-arms for it. So a busy connection re-arms about once per limit, not per request.

export const IDLE = 0;
export const CONNECT = 1;
export const HEADERS = 2;
export const BODY = 3;
export type Phase = typeof IDLE | typeof CONNECT | typeof HEADERS | typeof BODY;

export class PhaseTimer {
  readonly #onExpired: (phase: Phase, limitMs: number) => void;
  #phase: Phase = IDLE;
  #limitMs = 0;
  #since = 0;
  #timer: NodeJS.Timeout | undefined;
  #dueAt = 0;

  /** `onExpired`: the phase's limit passed (for BODY and IDLE, since the last activity). */
  constructor(onExpired: (phase: Phase, limitMs: number) => void) {
    this.#onExpired = onExpired;
  }

  get phase(): Phase {
    return this.#phase;
  }

  /** Enters `phase` with a limit of `limitMs` from now (0: none). */
  enter(phase: Phase, limitMs: number): void {
    this.#phase = phase;
    this.#limitMs = limitMs;
    if (limitMs <= 0) return;
    const now = performance.now();
    this.#since = now;
    if (this.#timer === undefined || this.#dueAt > now + limitMs) this.#arm(limitMs, now);
  }

  /** Something arrived: BODY and IDLE limits count from now. */
  touch(): void {
    if (this.#limitMs > 0 && (this.#phase === BODY || this.#phase === IDLE)) this.#since = performance.now();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#limitMs = 0;
  }

  #arm(ms: number, now: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#fired, ms).unref();
    this.#dueAt = now + ms;
  }

  readonly #fired = (): void => {
    this.#timer = undefined;
    if (this.#limitMs <= 0) return;
    const now = performance.now();
    const left = this.#limitMs - (now - this.#since);
    if (left > 0) this.#arm(left, now);
    else this.#onExpired(this.#phase, this.#limitMs);
  };
}
