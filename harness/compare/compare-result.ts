// What a comparison of two runs produces: every scenario's outcome transition, every metric with its change,
// test and verdict, the data for overlaid charts, and the overall verdict. Renderers (terminal, Markdown, HTML,
// JSON) read only this; `--json` prints it as it is.
import type { Outcome } from '../report/run-result.ts';
import type { MetricVerdict } from './judge-metric.ts';
import type { MetricId } from './metrics.ts';

export const COMPARISON_FORMAT_VERSION = 1;

export interface RunInfo {
  source: string;
  runId: string;
  startedAt: string;
  gatewayClass: string;
  implementation: string;
}

export type OutcomeVerdict = 'regression' | 'improvement' | 'unchanged' | 'changed' | 'new' | 'removed';

export interface OutcomeRow {
  scenario: string;
  base?: Outcome;
  next?: Outcome;
  verdict: OutcomeVerdict;
}

export interface MeasuredChange {
  absolute: number;
  relative?: number;
  /** Vargha-Delaney A (latency distribution). */
  probabilityNextHigher?: number;
}

export interface MetricRow {
  scenario: string;
  metric: MetricId;
  /** Values in the metric's unit (errors: a fraction of requests; latency: the mean, in ms). */
  base: number | null;
  next: number | null;
  change: MeasuredChange | null;
  /** Which way the change went for this metric; null when it did not move. */
  direction: 'worse' | 'better' | null;
  test: { method: string; pValue: number; adjustedPValue: number } | null;
  /** The threshold that applied, as written (e.g. "+50% and +1 ms"). */
  threshold: string;
  verdict: MetricVerdict;
  /** Why no test was made. */
  untestable?: string;
}

export interface RunCurves {
  /** [percentile, ms] along an HDR percentile curve. */
  latencyPercentiles: [number, number][];
  /** Responses in each whole second. */
  perSecond: number[];
  /** Failed requests in each second, when the run kept them. */
  failedPerSecond?: number[];
}

export interface ScenarioCharts {
  scenario: string;
  base: RunCurves;
  next: RunCurves;
}

export interface Comparison {
  formatVersion: typeof COMPARISON_FORMAT_VERSION;
  base: RunInfo;
  next: RunInfo;
  alpha: number;
  /** How many tests the Holm adjustment covered. */
  testCount: number;
  outcomes: OutcomeRow[];
  metrics: MetricRow[];
  charts: ScenarioCharts[];
  /** Things the reader should know: different gateway classes, scenarios missing on one side. */
  notes: string[];
  regressions: { scenario: string; what: string }[];
  verdict: 'regressed' | 'no significant regression';
}
