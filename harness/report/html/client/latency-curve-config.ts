/// <reference lib="dom" />
// The HDR curve as Chart.js draws it: x is 1/(1 - percentile/100) on a log scale, so 90%, 99%, 99.9% ... sit a
// decade apart and the tail gets the room it deserves; the maximum (100%) is put one decade past the last
// finite point and labelled "max". Ticks are labelled as percentiles; tooltips give the exact percentile.
import type { ChartConfiguration } from 'chart.js';
import type { LatencyCurveChart } from '../../charts/chart-spec.ts';
import { seriesColour } from './palette.ts';

interface CurvePoint {
  x: number;
  y: number;
  percentile: number;
}

const spread = (percentile: number) => 1 / (1 - percentile / 100);

export function percentileLabel(x: number, maxX: number): string {
  if (x >= maxX) return 'max';
  const percentile = 100 * (1 - 1 / x);
  return `${Number(percentile.toPrecision(6))}%`;
}

export function latencyCurveConfig(spec: LatencyCurveChart): ChartConfiguration<'line', CurvePoint[]> {
  const finite = spec.series.flatMap((series) => series.points.filter((point) => point.percentile < 100).map((point) => spread(point.percentile)));
  const maxX = 10 ** Math.ceil(Math.log10(Math.max(10, ...finite)) + 1);
  const datasets = spec.series.map((series, index) => ({
    label: series.label,
    data: series.points.map((point) => ({ x: point.percentile >= 100 ? maxX : spread(point.percentile), y: point.ms, percentile: point.percentile })),
    borderColor: seriesColour(index),
    backgroundColor: seriesColour(index),
    pointRadius: 2,
    borderWidth: 2,
  }));
  return {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      scales: {
        x: {
          type: 'logarithmic',
          min: 1,
          max: maxX,
          title: { display: true, text: 'percentile' },
          ticks: { callback: (value) => (Math.log10(Number(value)) % 1 === 0 ? percentileLabel(Number(value), maxX) : '') },
        },
        y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'latency (ms)' } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const point = item.raw as CurvePoint;
              return `${item.dataset.label}: ${point.percentile === 100 ? 'max' : `p${point.percentile}`} ${point.y} ms`;
            },
          },
        },
      },
    },
  };
}
