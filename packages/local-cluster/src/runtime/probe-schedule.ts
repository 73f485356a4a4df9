// When kubelet probes a container, and what a run of results means, as pure functions:
// Kubernetes' defaults (periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3).
import type { Probe } from './kube-shapes.ts';

/** Longest wait between probes while the container is not ready yet. */
export const NOT_READY_PROBE_INTERVAL_MS = 1000;

/**
 * Milliseconds to the next probe. Deliberate departure from kubelet: while a probe is not passing (a
 * container not yet ready) we probe at least every second (kubelet waits the full periodSeconds), so a
 * local pod becomes Ready within about a second of listening instead of up to 10 s; once passing,
 * periodSeconds applies.
 */
export function nextProbeDelayMs(probe: Probe, passing: boolean): number {
  const periodMs = Math.max(1, probe.periodSeconds ?? 10) * 1000;
  return passing ? periodMs : Math.min(periodMs, NOT_READY_PROBE_INTERVAL_MS);
}

/** The first probe runs right after the container starts, or after initialDelaySeconds. */
export function firstProbeDelayMs(probe: Probe): number {
  return Math.max(0, probe.initialDelaySeconds ?? 0) * 1000;
}

export function probeTimeoutMs(probe: Probe): number {
  return Math.max(1, probe.timeoutSeconds ?? 1) * 1000;
}

/**
 * Counts consecutive results: passing after successThreshold successes, failing after failureThreshold
 * failures. A readiness probe starts failing (not ready), a liveness probe passing (alive).
 */
export class ProbeResultTracker {
  readonly #successThreshold: number;
  readonly #failureThreshold: number;
  #passing: boolean;
  #successes = 0;
  #failures = 0;

  constructor(probe: Probe, initial = false) {
    this.#successThreshold = Math.max(1, probe.successThreshold ?? 1);
    this.#failureThreshold = Math.max(1, probe.failureThreshold ?? 3);
    this.#passing = initial;
  }

  get passing(): boolean {
    return this.#passing;
  }

  /** Records one probe result and returns whether the probe passes now. */
  record(success: boolean): boolean {
    if (success) {
      this.#failures = 0;
      this.#successes += 1;
      if (this.#successes >= this.#successThreshold) this.#passing = true;
    } else {
      this.#successes = 0;
      this.#failures += 1;
      if (this.#failures >= this.#failureThreshold) this.#passing = false;
    }
    return this.#passing;
  }
}
