// Sentences every view of a comparison shares: how a run is named, what happened to the scenarios' outcomes,
// and which tests judged which metrics.
import type { Comparison, RunInfo } from './compare-result.ts';
import { METRIC_IDS, METRICS } from './metrics.ts';

export function describeRun(run: RunInfo): string {
  return `${run.runId} (${run.startedAt}, gatewayClass ${run.gatewayClass}) from ${run.source}`;
}

export function describeOutcomes(comparison: Comparison): string {
  const count = (verdict: string) => comparison.outcomes.filter((row) => row.verdict === verdict).length;
  const both = comparison.outcomes.filter((row) => row.base !== undefined && row.next !== undefined).length;
  return (
    `Outcomes: ${both} scenarios in both runs; ${count('regression')} passed before and fail now, ${count('improvement')} failed before and pass now, ` +
    `${count('changed')} otherwise changed, ${count('new')} new, ${count('removed')} gone.`
  );
}

/** The tests behind the metric rows present, one line each. */
export function testsUsed(comparison: Comparison): string[] {
  const present = new Set(comparison.metrics.map((row) => row.metric));
  return METRIC_IDS.filter((metric) => present.has(metric)).map((metric) => `${METRICS[metric].label}: ${METRICS[metric].test}`);
}
