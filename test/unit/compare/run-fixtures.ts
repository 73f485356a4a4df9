// results.json documents for comparison tests: scenarios with load phases whose latencies come from a seeded
// generator and are kept as the run does (HDR histogram, compressed base64, microseconds).
import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';

export interface FixtureLoad {
  /** Latencies in ms. */
  latenciesMs: number[];
  perSecond?: number[];
  errors?: number;
  non2xx?: number;
}

export interface FixtureScenario {
  id: string;
  outcome?: 'passed' | 'failed' | 'skipped';
  load?: FixtureLoad;
}

/** Deterministic uniform numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` latencies around `medianMs` with a long right tail (log-normal), plus `addMs` each. */
export function latencies(count: number, seed: number, medianMs = 2, addMs = 0): number[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return medianMs * Math.exp(0.6 * normal) + addMs;
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

function loadResult(load: FixtureLoad): Record<string, unknown> {
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, useWebAssembly: false });
  for (const ms of load.latenciesMs) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  const perSecond = load.perSecond ?? [load.latenciesMs.length];
  const sorted = [...load.latenciesMs].sort((a, b) => a - b);
  const at = (p: number) => histogram.getValueAtPercentile(p) / 1000;
  return {
    durationSeconds: perSecond.length,
    connections: 10,
    requests: { total: load.latenciesMs.length, perSecond: perSecond.reduce((sum, count) => sum + count, 0) / perSecond.length },
    non2xx: load.non2xx ?? 0,
    errors: load.errors ?? 0,
    timeouts: 0,
    latency: { count: sorted.length, p50Ms: at(50), p90Ms: at(90), p99Ms: at(99), maxMs: percentile(sorted, 100), meanMs: histogram.mean / 1000 },
    latencyHistogram: encodeIntoCompressedBase64(histogram),
    timeline: perSecond.map((responses, second) => ({ second, responses, non2xx: 0, errors: 0 })),
    backends: {},
    unattributed: 0,
  };
}

export function runResults(runId: string, scenarios: FixtureScenario[], startedAt = '2026-12-01T02:00:00.000Z'): Record<string, unknown> {
  return {
    schemaVersion: 1,
    runId,
    startedAt,
    finishedAt: startedAt,
    cluster: { provider: 'local' },
    implementation: { organization: 'gateway-gauntlet', project: 'gauntlet-reference', url: '', version: '0.1.0', contact: [] },
    gatewayClass: 'gauntlet',
    gatewayAPI: { version: 'v1.6.1', channel: 'standard' },
    scenarios: scenarios.map((scenario) => ({
      id: scenario.id,
      description: scenario.id,
      profile: 'GATEWAY-HTTP',
      features: ['Gateway', 'HTTPRoute'],
      outcome: scenario.outcome ?? 'passed',
      durationMs: 1000,
      steps: [],
      ...(scenario.load ? { load: loadResult(scenario.load) } : {}),
    })),
  };
}
