// Compares two runs scenario by scenario: outcome transitions (passed -> failed is a regression whatever the
// numbers say), then each load metric measured, tested, its p-values Holm-adjusted over the whole comparison,
// and judged against its threshold. The result is plain data for the renderers.
//
//   compareRuns(base: ComparedRun, next: ComparedRun, settings: CompareSettings): Comparison
import { COMPARISON_FORMAT_VERSION, type Comparison, type MetricRow, type OutcomeRow, type RunCurves, type RunInfo, type ScenarioCharts } from './compare-result.ts';
import { changeOf, directionOf, judgeMetric } from './judge-metric.ts';
import { type MetricMeasurement, measureLoad } from './measure-load.ts';
import { METRICS } from './metrics.ts';
import { percentileCurve } from './percentile-curve.ts';
import type { ComparedRun, ComparedScenario, LoadFigures } from './read-run.ts';
import { holmAdjusted } from './statistics/holm.ts';
import { type CompareSettings, describeThreshold, thresholdFor } from './thresholds.ts';

export function compareRuns(base: ComparedRun, next: ComparedRun, settings: CompareSettings): Comparison {
  const pairs = pairScenarios(base, next);
  // A later load run's entry shares its scenario's outcome: counted once, with the scenario.
  const outcomes = pairs.filter(([, before, after]) => !(before ?? after)?.partOf).map(([id, before, after]) => outcomeRow(id, before, after));
  const measured: { scenario: string; measurement: MetricMeasurement }[] = [];
  const charts: ScenarioCharts[] = [];
  for (const [id, before, after] of pairs) {
    if (!before?.load || !after?.load) continue;
    for (const measurement of measureLoad(before.load, after.load, settings.alpha)) measured.push({ scenario: id, measurement });
    charts.push({
      scenario: id,
      base: curvesOf(before.load),
      next: curvesOf(after.load),
    });
  }
  const tested = measured.filter(({ measurement }) => measurement.test !== undefined);
  const adjusted = holmAdjusted(tested.map(({ measurement }) => measurement.test?.pValue ?? 1));
  const adjustedOf = new Map(tested.map(({ measurement }, index) => [measurement, adjusted[index] ?? 1]));
  const metrics = measured.map(({ scenario, measurement }) => metricRow(scenario, measurement, adjustedOf.get(measurement), settings));
  const regressions = [
    ...outcomes.filter((row) => row.verdict === 'regression').map((row) => ({ scenario: row.scenario, what: `passed before, ${row.next} now` })),
    ...metrics.filter((row) => row.verdict === 'regression').map((row) => ({ scenario: row.scenario, what: METRICS[row.metric].label })),
  ];
  return {
    formatVersion: COMPARISON_FORMAT_VERSION,
    base: runInfo(base),
    next: runInfo(next),
    alpha: settings.alpha,
    testCount: tested.length,
    outcomes,
    metrics,
    charts,
    notes: notesOn(base, next, outcomes),
    regressions,
    verdict: regressions.length > 0 ? 'regressed' : 'no significant regression',
  };
}

type Pair = [string, ComparedScenario | undefined, ComparedScenario | undefined];

/** Every scenario of either run, in the base run's order, then those only the new run has. */
function pairScenarios(base: ComparedRun, next: ComparedRun): Pair[] {
  const after = new Map(next.scenarios.map((scenario) => [scenario.id, scenario]));
  const before = new Map(base.scenarios.map((scenario) => [scenario.id, scenario]));
  return [
    ...base.scenarios.map((scenario): Pair => [scenario.id, scenario, after.get(scenario.id)]),
    ...next.scenarios.filter((scenario) => !before.has(scenario.id)).map((scenario): Pair => [scenario.id, undefined, scenario]),
  ];
}

function outcomeRow(scenario: string, before: ComparedScenario | undefined, after: ComparedScenario | undefined): OutcomeRow {
  if (!before) return { scenario, next: after?.outcome ?? 'skipped', verdict: 'new' };
  if (!after) return { scenario, base: before.outcome, verdict: 'removed' };
  const row = { scenario, base: before.outcome, next: after.outcome };
  if (before.outcome === after.outcome) return { ...row, verdict: 'unchanged' };
  if (before.outcome === 'passed' && after.outcome === 'failed') return { ...row, verdict: 'regression' };
  if (before.outcome === 'failed' && after.outcome === 'passed') return { ...row, verdict: 'improvement' };
  return { ...row, verdict: 'changed' };
}

function metricRow(scenario: string, measurement: MetricMeasurement, adjustedPValue: number | undefined, settings: CompareSettings): MetricRow {
  const threshold = thresholdFor(settings, scenario, measurement.metric);
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  const row: MetricRow = {
    scenario,
    metric: measurement.metric,
    base: finite(measurement.base),
    next: finite(measurement.next),
    change: changeOf(measurement) ?? null,
    direction: directionOf(measurement),
    test: measurement.test && adjustedPValue !== undefined ? { ...measurement.test, adjustedPValue } : null,
    threshold: describeThreshold(measurement.metric, threshold),
    verdict: judgeMetric(measurement, adjustedPValue, threshold, settings.alpha),
  };
  if (measurement.untestable !== undefined) row.untestable = measurement.untestable;
  return row;
}

function runInfo(run: ComparedRun): RunInfo {
  return { source: run.source, runId: run.runId, startedAt: run.startedAt, gatewayClass: run.gatewayClass, implementation: run.implementation };
}

function notesOn(base: ComparedRun, next: ComparedRun, outcomes: OutcomeRow[]): string[] {
  const notes: string[] = [];
  if (base.gatewayClass !== next.gatewayClass) notes.push(`the runs tested different GatewayClasses: ${base.gatewayClass} (base) and ${next.gatewayClass} (new)`);
  if (base.runId === next.runId) notes.push(`both inputs are run ${base.runId}`);
  const count = (verdict: OutcomeRow['verdict']) => outcomes.filter((row) => row.verdict === verdict).map((row) => row.scenario);
  const added = count('new');
  const removed = count('removed');
  const changed = outcomes.filter((row) => row.verdict === 'changed');
  if (added.length > 0) notes.push(`only in the new run: ${added.join(', ')}`);
  if (removed.length > 0) notes.push(`only in the base run: ${removed.join(', ')}`);
  for (const row of changed) notes.push(`${row.scenario}: ${row.base} before, ${row.next} now`);
  return notes;
}

function curvesOf(load: LoadFigures): RunCurves {
  const curves: RunCurves = { latencyPercentiles: percentileCurve(load.latency), perSecond: load.perSecond ?? [] };
  if (load.failedPerSecond) curves.failedPerSecond = load.failedPerSecond;
  return curves;
}
