// Picks the upstream endpoint for a matched rule: a weighted choice among the rule's backends, then an
// endpoint of the chosen backend. The random source is injectable so tests can seed it.

import type { BackendIR, ServiceBackendIR } from '../../ir/gateway-ir.ts';

export type Endpoint = ServiceBackendIR['endpoints'][number];

export type BackendChoice =
  | { kind: 'endpoint'; backend: ServiceBackendIR; endpoint: Endpoint }
  | { kind: 'error'; status: 500 | 503; reason: string };

export type RandomSource = () => number;

export interface BackendChooserOptions {
  /** Returns a number in [0, 1); defaults to Math.random. */
  random?: RandomSource;
  /** How an endpoint is picked within a backend. Default: round-robin. */
  endpointPolicy?: 'round-robin' | 'random';
}

export interface BackendChooser {
  choose(backends: readonly BackendIR[]): BackendChoice;
  /** An endpoint of one backend (a retry, a mirror): the backend's own policy, no weighted draw. */
  endpointOf(backend: ServiceBackendIR): BackendChoice;
  /** The chooser's random source, shared with per-request draws such as mirror fractions. */
  readonly random: RandomSource;
}

export function createBackendChooser(options: BackendChooserOptions = {}): BackendChooser {
  const random = options.random ?? Math.random;
  const roundRobin = options.endpointPolicy !== 'random';
  // Keyed by the IR object: a new IR version starts fresh counters, old ones are garbage collected.
  const nextIndex = new WeakMap<ServiceBackendIR, number>();

  function pickEndpoint(backend: ServiceBackendIR): BackendChoice {
    const count = backend.endpoints.length;
    if (count === 0) {
      return { kind: 'error', status: 503, reason: `no healthy endpoints for backend ${backend.name}` };
    }
    let index: number;
    if (roundRobin) {
      index = nextIndex.get(backend) ?? 0;
      nextIndex.set(backend, (index + 1) % count);
    } else {
      index = Math.min(count - 1, Math.floor(random() * count));
    }
    const endpoint = backend.endpoints[index];
    if (endpoint === undefined) return { kind: 'error', status: 503, reason: `no endpoint for backend ${backend.name}` };
    return { kind: 'endpoint', backend, endpoint };
  }

  return {
    random,
    endpointOf: pickEndpoint,
    choose(backends) {
      const picked = pickWeighted(backends, random);
      if (picked === undefined) {
        return { kind: 'error', status: 500, reason: 'no backend with a positive weight' };
      }
      if (picked.kind === 'invalid') {
        return { kind: 'error', status: 500, reason: `invalid backend ${picked.name}: ${picked.reason}` };
      }
      return pickEndpoint(picked);
    },
  };
}

/** Weighted choice; backends of weight 0 (or less) are never chosen. Undefined when no weight is positive. */
export function pickWeighted<Backend extends { weight: number }>(backends: readonly Backend[], random: RandomSource): Backend | undefined {
  let total = 0;
  for (const backend of backends) if (backend.weight > 0) total += backend.weight;
  if (total <= 0) return undefined;
  // The single-backend case is the common one: skip the random draw.
  if (backends.length === 1) return backends[0];
  const target = random() * total;
  let cumulative = 0;
  let last: Backend | undefined;
  for (const backend of backends) {
    if (backend.weight <= 0) continue;
    cumulative += backend.weight;
    last = backend;
    if (target < cumulative) return backend;
  }
  // Only reachable through rounding at the very top of the range.
  return last;
}
