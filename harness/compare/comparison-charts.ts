// The overlaid charts of one load scenario in two runs: the HDR latency percentile curves (x in "nines": p90 at
// 1, p99 at 2, ...) and the responses of each second, base dashed and new solid in the same axes.
//
//   scenarioChartsSvg(charts: ScenarioCharts): string[]   two <svg> elements
import type { RunCurves, ScenarioCharts } from './compare-result.ts';
import { type ChartSeries, niceTicks, renderLineChart } from './svg-line-chart.ts';

export const BASE_COLOR = '#4e79a7';
export const NEW_COLOR = '#e15759';

/** -log10(1 - p/100): 0 at p0, 1 at p90, 2 at p99. */
export function ninesOf(percentile: number): number {
  return -Math.log10(1 - percentile / 100);
}

function percentileLabel(nines: number): string {
  if (nines === 0) return 'p0';
  return `p${Number((100 * (1 - 10 ** -nines)).toPrecision(nines + 2))}`;
}

function latencySeries(name: string, curves: RunCurves, color: string, dashed: boolean): ChartSeries {
  return {
    name,
    color,
    dashed,
    points: curves.latencyPercentiles.map(([percentile, ms]) => [ninesOf(percentile), ms]),
    labels: curves.latencyPercentiles.map(([percentile, ms]) => `${name}: p${Number(percentile.toPrecision(6))} = ${ms} ms`),
  };
}

function perSecondSeries(name: string, curves: RunCurves, color: string, dashed: boolean): ChartSeries {
  return {
    name,
    color,
    dashed,
    points: curves.perSecond.map((count, second) => [second + 1, count]),
    labels: curves.perSecond.map((count, second) => `${name}: second ${second + 1}: ${count} responses`),
  };
}

export function scenarioChartsSvg(charts: ScenarioCharts): string[] {
  const maxNines = Math.ceil(Math.max(0, ...[charts.base, charts.next].flatMap((curves) => curves.latencyPercentiles.map(([percentile]) => ninesOf(percentile)))));
  const xTicks = Array.from({ length: maxNines + 1 }, (_, nines) => ({ value: nines, label: percentileLabel(nines) }));
  return [
    renderLineChart({
      title: 'Latency by percentile (HDR)',
      yLabel: 'ms',
      xTicks,
      series: [latencySeries('base', charts.base, BASE_COLOR, true), latencySeries('new', charts.next, NEW_COLOR, false)],
    }),
    renderLineChart({
      title: 'Responses per second',
      yLabel: 'responses/s',
      xTicks: secondTicks(Math.max(charts.base.perSecond.length, charts.next.perSecond.length)),
      series: [perSecondSeries('base', charts.base, BASE_COLOR, true), perSecondSeries('new', charts.next, NEW_COLOR, false)],
    }),
  ];
}

/** Whole seconds only. */
function secondTicks(seconds: number): { value: number; label: string }[] {
  return niceTicks(1, Math.max(1, seconds))
    .filter((value) => Number.isInteger(value) && value >= 1)
    .map((value) => ({ value, label: `${value}s` }));
}
