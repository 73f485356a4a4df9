// The charts of one run, from its results: latency percentiles (HDR curve) and throughput over time of every
// load phase, every measured split against its weights, and route propagation per traffic step. Each function
// returns data only (chart-spec.ts); a comparison calls them for two runs and overlays the series.
//
//   latencySeries(run), throughputSeries(run), propagationSeries(run), splitMeasurements(run)
//   runCharts(run): ChartSpec[]              what the run's own report draws
import type { RunResult, SplitObservation } from '../run-result.ts';
import type { ChartSpec, LatencyCurveChart, PropagationChart, SplitChart, ThroughputChart } from './chart-spec.ts';

type Series<C extends { series: unknown[] }> = C['series'][number];

/** One series per load phase that recorded its percentile distribution, labelled by scenario id. */
export function latencySeries(run: RunResult): Series<LatencyCurveChart>[] {
  return run.scenarios.flatMap((scenario) => {
    const points = scenario.load?.latency.percentiles;
    return points && points.length > 0 ? [{ label: scenario.id, points }] : [];
  });
}

export function throughputSeries(run: RunResult): Series<ThroughputChart>[] {
  return run.scenarios.flatMap((scenario) => {
    const timeline = scenario.load?.timeline;
    if (!timeline || timeline.length === 0) return [];
    return [{ label: scenario.id, points: timeline.map((second) => ({ second: second.second, responses: second.responses, failures: second.non2xx + second.errors })) }];
  });
}

/** Every measured propagation, keyed "scenario: step". */
export function propagationSeries(run: RunResult): Map<string, number> {
  const delays = new Map<string, number>();
  for (const scenario of run.scenarios) {
    for (const step of scenario.steps) if (step.propagationMs !== undefined) delays.set(`${scenario.id}: ${step.name}`, step.propagationMs);
  }
  return delays;
}

/** Every split measured (split steps and load phases with weights), keyed "scenario: step". */
export function splitMeasurements(run: RunResult): Map<string, SplitObservation> {
  const splits = new Map<string, SplitObservation>();
  for (const scenario of run.scenarios) {
    for (const step of scenario.steps) if (step.split) splits.set(`${scenario.id}: ${step.name}`, step.split);
    const verdict = scenario.load?.split;
    if (verdict) {
      const weights = Object.fromEntries(verdict.rows.flatMap((row) => (row.weight === undefined ? [] : [[row.backend, row.weight]])));
      const counts = Object.fromEntries(verdict.rows.map((row) => [row.backend, row.observed]));
      splits.set(`${scenario.id}: load`, { weights, counts, pValue: verdict.pValue, significance: verdict.significance, passed: verdict.passed });
    }
  }
  return splits;
}

/** A split chart for one measurement per series (each series one run's counts); backends in weight order. */
export function splitChart(title: string, observations: { label: string; split: SplitObservation }[]): SplitChart {
  const backends = [...new Set(observations.flatMap(({ split }) => [...Object.keys(split.weights), ...Object.keys(split.counts)]))];
  const weights = observations[0]?.split.weights ?? {};
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  return {
    kind: 'split',
    title,
    backends,
    expected: backends.map((backend) => (weights[backend] === undefined || total === 0 ? null : (weights[backend] ?? 0) / total)),
    observed: observations.map(({ label, split }) => ({ label, counts: backends.map((backend) => split.counts[backend] ?? 0) })),
  };
}

/** Labels in the order given; one series per map (each a run), null where that run has no measurement. */
export function propagationChart(title: string, runs: { label: string; delays: Map<string, number> }[]): PropagationChart {
  const labels = [...new Set(runs.flatMap(({ delays }) => [...delays.keys()]))];
  return { kind: 'propagation', title, labels, series: runs.map(({ label, delays }) => ({ label, ms: labels.map((name) => delays.get(name) ?? null) })) };
}

export function runCharts(run: RunResult): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const latency = latencySeries(run);
  if (latency.length > 0) charts.push({ kind: 'latency-curve', title: 'Latency by percentile (HDR), per load phase', series: latency });
  const throughput = throughputSeries(run);
  if (throughput.length > 0) charts.push({ kind: 'throughput', title: 'Throughput over time, per load phase', series: throughput });
  for (const [name, split] of splitMeasurements(run)) charts.push(splitChart(`Traffic split: ${name}`, [{ label: split.passed ? 'observed' : 'observed (out of bounds)', split }]));
  const delays = propagationSeries(run);
  if (delays.size > 0) {
    // Slowest first: the delays worth a look lead.
    const sorted = new Map([...delays].sort(([, a], [, b]) => b - a));
    charts.push(propagationChart('Route propagation: from apply to the first passing answer', [{ label: run.runId, delays: sorted }]));
  }
  return charts;
}
