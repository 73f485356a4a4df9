// The results model of one run: what every report format is rendered from, and what results.json holds.
// Bump RESULTS_SCHEMA_VERSION on any incompatible change; `gauntlet compare` reads older files by it.
import type { ClusterProviderName } from '../cluster/cluster.ts';
import type { LoadResult } from '../load/run-load.ts';

export const RESULTS_SCHEMA_VERSION = 1;

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  /** e.g. "apply manifests", "await HTTPRoute gateway-conformance-infra/x", "GET / -> 200". */
  name: string;
  outcome: Outcome;
  durationMs: number;
  /** For failures: the expected-versus-got lines; for skips: why. */
  message?: string;
}

export interface ScenarioResult {
  id: string;
  description: string;
  conformanceTest?: string;
  profile: string;
  features: string[];
  outcome: Outcome;
  /**
   * Why a skipped scenario did not run: `channel` (it needs CRDs of another release channel than the run
   * installed), `unsupported-feature` (the implementation does not declare a feature it needs). Only the latter
   * makes its features unsupported in the ConformanceReport. `interrupted`: the run was stopped (Ctrl-C) before
   * or while it ran.
   */
  skippedBecause?: 'channel' | 'unsupported-feature' | 'interrupted';
  durationMs: number;
  steps: StepResult[];
  load?: LoadResult;
}

/** Who made the implementation under test, as the upstream ConformanceReport names it. */
export interface ImplementationInfo {
  organization: string;
  project: string;
  url: string;
  version: string;
  contact: string[];
}

export interface RunResult {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  runId: string;
  /** ISO 8601 timestamps. */
  startedAt: string;
  finishedAt: string;
  cluster: { provider: ClusterProviderName };
  implementation: ImplementationInfo;
  gatewayClass: string;
  gatewayAPI: { version: string; channel: 'standard' | 'experimental' };
  scenarios: ScenarioResult[];
  /** Present when the run was interrupted (Ctrl-C, SIGTERM): the report covers what ran until then. */
  interrupted?: { signal: string; at: string };
}

export interface OutcomeCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export function countOutcomes(items: readonly { outcome: Outcome }[]): OutcomeCounts {
  const counts: OutcomeCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const item of items) counts[item.outcome] += 1;
  return counts;
}
