// The results model of one run: what every report format is rendered from, and what results.json holds.
// Bump RESULTS_SCHEMA_VERSION on any incompatible change; `gauntlet compare` reads older files by it.
import type { ClusterProviderName } from '../cluster/cluster.ts';
import type { ControlPlaneResult } from '../load/control-plane-result.ts';
import type { LoadResult } from '../load/load-result.ts';

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
   * makes its features unsupported in the ConformanceReport.
   */
  skippedBecause?: 'channel' | 'unsupported-feature';
  durationMs: number;
  steps: StepResult[];
  /** The scenario's first load run (kept for readers of the first format); every run is in `loads`. */
  load?: LoadResult;
  /** Every load run of the scenario, in order (harness/load/load-result.ts). */
  loads?: LoadResult[];
  /** Route propagation and attached-routes scale figures (harness/load/control-plane-result.ts). */
  controlPlane?: ControlPlaneResult;
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
  /** The run profile load scenarios took their sizes from (smoke or nightly). */
  profile?: string;
  scenarios: ScenarioResult[];
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
