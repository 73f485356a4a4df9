/// <reference lib="dom" />
// Chart.js configurations of the bar and line charts: throughput over time, split shares against the weights,
// route propagation per traffic step (horizontal bars, one row per step, so long step names stay legible), and a
// metric's trend across runs (one point per run; a gap where a run did not measure it).
import type { ChartConfiguration } from 'chart.js';
import type { PropagationChart, SplitChart, ThroughputChart, TrendChart } from '../../charts/chart-spec.ts';
import { EXPECTED_COLOUR, FAILURE_COLOUR, seriesColour, translucent } from './palette.ts';

export function throughputConfig(spec: ThroughputChart): ChartConfiguration<'line', { x: number; y: number }[]> {
  const datasets = spec.series.flatMap((series, index) => {
    const responses = { label: `${series.label}: responses/s`, data: series.points.map((point) => ({ x: point.second, y: point.responses })), borderColor: seriesColour(index), backgroundColor: seriesColour(index), borderWidth: 2, pointRadius: 2 };
    if (!series.points.some((point) => point.failures > 0)) return [responses];
    const failures = { label: `${series.label}: failures/s`, data: series.points.map((point) => ({ x: point.second, y: point.failures })), borderColor: FAILURE_COLOUR, backgroundColor: FAILURE_COLOUR, borderDash: [6, 4], borderWidth: 2, pointRadius: 2 };
    return [responses, failures];
  });
  return {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'second of the load phase' }, ticks: { stepSize: 1 } },
        y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'per second' } },
      },
    },
  };
}

export function splitConfig(spec: SplitChart): ChartConfiguration<'bar', (number | null)[]> {
  const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
  const expected = { label: 'expected (weights)', data: spec.expected.map(percent), backgroundColor: translucent(EXPECTED_COLOUR, 0.35), borderColor: EXPECTED_COLOUR, borderWidth: 2 };
  const observed = spec.observed.map((series, index) => {
    const total = series.counts.reduce((sum, count) => sum + count, 0);
    return {
      label: series.label,
      data: series.counts.map((count) => percent(total === 0 ? 0 : count / total)),
      backgroundColor: translucent(seriesColour(index), 0.75),
      borderColor: seriesColour(index),
      borderWidth: 1,
    };
  });
  return {
    type: 'bar',
    data: { labels: spec.backends, datasets: [expected, ...observed] },
    options: { scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: 'share of responses (%)' } } } },
  };
}

export function propagationConfig(spec: PropagationChart): ChartConfiguration<'bar', (number | null)[]> {
  const datasets = spec.series.map((series, index) => ({
    label: series.label,
    data: series.ms,
    backgroundColor: translucent(seriesColour(index), 0.75),
    borderColor: seriesColour(index),
    borderWidth: 1,
  }));
  return {
    type: 'bar',
    data: { labels: spec.labels, datasets },
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, title: { display: true, text: 'milliseconds' } }, y: { ticks: { autoSkip: false, font: { size: 10 } } } },
    },
  };
}

export function trendConfig(spec: TrendChart): ChartConfiguration<'line', (number | null)[]> {
  const datasets = spec.series.map((series, index) => ({ label: series.label, data: series.values, borderColor: seriesColour(index), backgroundColor: seriesColour(index), borderWidth: 2, pointRadius: 3 }));
  return {
    type: 'line',
    data: { labels: spec.runs, datasets },
    options: {
      scales: {
        x: { type: 'category', title: { display: true, text: 'run, oldest first' }, ticks: { autoSkip: true, maxRotation: 0 } },
        y: { type: 'linear', beginAtZero: true, title: { display: true, text: spec.unit } },
      },
    },
  };
}
