// The results model of one run: what every report format is rendered from, and what results.json holds.
// Bump RESULTS_SCHEMA_VERSION on any incompatible change; `gauntlet compare` reads older files by it.
import type { ClusterProviderName } from '../cluster/cluster.ts';
import type { ControlPlaneResult } from '../load/control-plane-result.ts';
import type { LoadResult } from '../load/load-result.ts';
import type { SideBySideResult } from '../run/side-by-side/disagreements.ts';

export const RESULTS_SCHEMA_VERSION = 1;

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  /** e.g. "apply manifests", "await HTTPRoute gateway-conformance-infra/x", "GET / -> 200". */
  name: string;
  outcome: Outcome;
  /** When the step started (ISO 8601); absent in results written before it was recorded. */
  startedAt?: string;
  durationMs: number;
  /** For failures: the expected-versus-got lines; for skips: why. */
  message?: string;
  /** For failures: what was expected and what came instead, one pair per difference. */
  comparisons?: Comparison[];
  /** For failures: the status of the objects the step depended on, read when it failed. */
  objects?: ObservedObject[];
  /**
   * For the first traffic step after a step that changed the cluster (apply, delete): milliseconds from the end
   * of that change to the first answer of the passing streak — how long the change took to reach the data plane.
   */
  propagationMs?: number;
  /** For split steps, passed or failed: the counts per backend against the declared weights. */
  split?: SplitObservation;
}

/** One difference of a failed step, e.g. { field: "status", expected: "200", actual: "500" }. */
export interface Comparison {
  field: string;
  expected: string;
  actual: string;
}

/** An object as the harness read it when a step failed: its status only (never its spec or data). */
export interface ObservedObject {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  name: string;
  /** When it was read (ISO 8601). */
  observedAt: string;
  /** False: the object did not exist at that moment. */
  found: boolean;
  generation?: number;
  /** The object's status as served by the API (any JSON). */
  status?: unknown;
  /** Why it could not be read (an API error, a time-out); then `found` says nothing. */
  readError?: string;
}

/** A weighted split as measured: responses per backend against the weights, judged by a chi-square test. */
export interface SplitObservation {
  /** Backend -> declared weight. */
  weights: Record<string, number>;
  /** Backend -> responses it answered (backends without a weight included). */
  counts: Record<string, number>;
  /** The chi-square test's p-value over the weighted backends. */
  pValue: number;
  /** p below this fails the split. */
  significance: number;
  passed: boolean;
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
   * installed), `unsupported-feature` (the implementation does not support a feature it needs: not counted,
   * its features listed as unsupported in the ConformanceReport), `flag` (left out by --run, --skip or
   * --skip-provisional: counted as skipped, as upstream's suite does), `interrupted` (the run was stopped, Ctrl-C,
   * before or while it ran).
   */
  skippedBecause?: 'channel' | 'unsupported-feature' | 'flag' | 'interrupted';
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
  /** Upstream's operating mode of the ConformanceReport (--mode); absent: "default". */
  mode?: string;
  /**
   * The features the implementation was taken to support (`all`: every feature, --all-features), and where that
   * came from; absent in older results.
   */
  supportedFeatures?: { all: boolean; features: string[]; source: string };
  /** The run profile load scenarios took their sizes from (gauntlet run --profile: smoke or nightly). */
  loadProfile?: string;
  scenarios: ScenarioResult[];
  /** Present when the run was one of a side-by-side run (several --gateway-class): where the classes disagree. */
  sideBySide?: SideBySideResult;
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
