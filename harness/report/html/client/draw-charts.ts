/// <reference lib="dom" />
// The report page's script (bundled with Chart.js into the page by client-bundle.ts): draws every chart whose
// spec the page embeds. A canvas says how it went in data-drawn ("true", or "error" with the error on the
// console), so a browser test can tell a drawn chart from a blank one.
import { BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';
import type { ChartSpec } from '../../charts/chart-spec.ts';
import { propagationConfig, splitConfig, throughputConfig, trendConfig } from './bar-chart-configs.ts';
import { latencyCurveConfig } from './latency-curve-config.ts';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip);

function configOf(spec: ChartSpec): ChartConfiguration {
  switch (spec.kind) {
    case 'latency-curve':
      return latencyCurveConfig(spec) as unknown as ChartConfiguration;
    case 'throughput':
      return throughputConfig(spec) as unknown as ChartConfiguration;
    case 'split':
      return splitConfig(spec) as unknown as ChartConfiguration;
    case 'propagation':
      return propagationConfig(spec) as unknown as ChartConfiguration;
    case 'trend':
      return trendConfig(spec) as unknown as ChartConfiguration;
  }
}

function draw(canvas: HTMLCanvasElement): void {
  const source = document.getElementById(canvas.dataset.chartSpec ?? '');
  try {
    const spec = JSON.parse(source?.textContent ?? 'null') as ChartSpec;
    const config = configOf(spec);
    // No animation: the page is read (and screenshot) as soon as it loads.
    config.options = { ...config.options, animation: false, responsive: true, maintainAspectRatio: false };
    new Chart(canvas, config);
    canvas.dataset.drawn = 'true';
  } catch (error) {
    canvas.dataset.drawn = 'error';
    console.error(`chart ${canvas.dataset.chartSpec}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart-spec]')) draw(canvas);
