// Upstream's flaky-backend simulation for the HTTPRouteRetry test: requests sharing a `uuid` fail until
// `succeedAfter` of them have failed, then succeed. The gateway's retries of one client request carry the
// same uuid, so the client sees success only when the gateway retried enough times.

/** How many uuids are remembered; the oldest is forgotten beyond this (upstream keeps them all, forever). */
const MAX_TRACKED_UUIDS = 10_000;

export class RetrySimulation {
  readonly #failures = new Map<string, number>();

  /** Counts an attempt for `uuid`; true when it must fail (fewer than `succeedAfter` failures so far). */
  shouldFail(uuid: string, succeedAfter: number): boolean {
    const failed = this.#failures.get(uuid) ?? 0;
    if (failed >= succeedAfter) return false;
    // Delete then set: the Map's insertion order becomes least-recently-failed first.
    this.#failures.delete(uuid);
    this.#failures.set(uuid, failed + 1);
    if (this.#failures.size > MAX_TRACKED_UUIDS) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
    return true;
  }
}
