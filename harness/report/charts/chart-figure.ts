// One chart as HTML: a <figure> with its title, a canvas the page script draws on, the spec as inline JSON, and
// the same numbers as a table under "Data" (readable without scripts, by screen readers, and by tests).
//
//   renderChartFigure(spec, id): string      id: unique in the page, names the canvas and the spec
import { escapeHtml, jsonForScript } from '../html/html-escape.ts';
import type { ChartSpec } from './chart-spec.ts';

/** Canvas height: bar rows need room per label; the rest a fixed size. */
function heightOf(spec: ChartSpec): number {
  return spec.kind === 'propagation' ? Math.max(160, 40 + spec.labels.length * 16 * Math.max(1, spec.series.length)) : 300;
}

const number = (value: number | null, digits = 1) => (value === null ? '–' : Number(value.toFixed(digits)).toString());

function table(head: string[], rows: (string | number)[][]): string {
  const cells = (row: (string | number)[], tag: string) => row.map((cell) => `<${tag}>${escapeHtml(String(cell))}</${tag}>`).join('');
  return `<table class="data"><thead><tr>${cells(head, 'th')}</tr></thead><tbody>${rows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('')}</tbody></table>`;
}

function dataTable(spec: ChartSpec): string {
  switch (spec.kind) {
    case 'latency-curve':
      return table(['series', 'percentile', 'ms'], spec.series.flatMap((series) => series.points.map((point) => [series.label, point.percentile === 100 ? 'max' : `p${point.percentile}`, point.ms])));
    case 'throughput':
      return table(['series', 'second', 'responses', 'failures'], spec.series.flatMap((series) => series.points.map((point) => [series.label, point.second, point.responses, point.failures])));
    case 'split':
      return table(
        ['backend', 'expected share %', ...spec.observed.flatMap((series) => [`${series.label} count`, `${series.label} share %`])],
        spec.backends.map((backend, index) => [
          backend,
          number(spec.expected[index] === null || spec.expected[index] === undefined ? null : (spec.expected[index] ?? 0) * 100),
          ...spec.observed.flatMap((series) => {
            const total = series.counts.reduce((sum, count) => sum + count, 0);
            const count = series.counts[index] ?? 0;
            return [count, number(total === 0 ? 0 : (count / total) * 100)];
          }),
        ]),
      );
    case 'propagation':
      return table(['step', ...spec.series.map((series) => `${series.label} ms`)], spec.labels.map((label, index) => [label, ...spec.series.map((series) => number(series.ms[index] ?? null, 0))]));
    case 'trend':
      return table(['run', ...spec.series.map((series) => `${series.label} (${spec.unit})`)], spec.runs.map((run, index) => [run, ...spec.series.map((series) => number(series.values[index] ?? null, 2))]));
  }
}

export function renderChartFigure(spec: ChartSpec, id: string): string {
  const specId = `${id}-spec`;
  return [
    `<figure class="chart chart-${spec.kind}" id="${escapeHtml(id)}">`,
    `<figcaption>${escapeHtml(spec.title)}</figcaption>`,
    `<div class="chart-canvas" style="height:${heightOf(spec)}px"><canvas role="img" aria-label="${escapeHtml(spec.title)}" data-chart-spec="${escapeHtml(specId)}"></canvas></div>`,
    `<details class="chart-data"><summary>Data</summary>${dataTable(spec)}</details>`,
    `<script type="application/json" id="${escapeHtml(specId)}">${jsonForScript(spec)}</script>`,
    '</figure>',
  ].join('\n');
}
