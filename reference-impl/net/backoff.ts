// Capped exponential backoff for reconnecting to a peer that may not be reachable yet (the controller to the
// Kubernetes API, a proxy to the controller's config server).
export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  #nextMs: number;
  constructor(initialMs = 500, maxMs = 30_000) {
    this.#initialMs = initialMs;
    this.#maxMs = maxMs;
    this.#nextMs = initialMs;
  }

  /** The delay to wait now; each call doubles the next one up to the maximum. */
  next(): number {
    const delay = this.#nextMs;
    this.#nextMs = Math.min(this.#nextMs * 2, this.#maxMs);
    return delay;
  }

  reset(): void {
    this.#nextMs = this.#initialMs;
  }
}
