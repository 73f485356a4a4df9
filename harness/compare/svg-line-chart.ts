// A small line chart as inline SVG, for the comparison and trend views: a file that opens from disk with no
// script and no network. Series share the axes; every point carries a tooltip (<title>) with its exact value.
// (The HTML report of one run has its own charts; this view draws only lines over numbers.)
//
//   renderLineChart(chart: LineChart): string   an <svg> element
import { escapeHtml } from './escape-html.ts';

export interface ChartSeries {
  name: string;
  /** [x, y] in data units, drawn in order. */
  points: [number, number][];
  color: string;
  dashed?: boolean;
  /** Tooltip per point; default "name: y". */
  labels?: string[];
}

export interface LineChart {
  title: string;
  yLabel: string;
  series: ChartSeries[];
  /** Where to label the x axis; default: five evenly spaced values. */
  xTicks?: { value: number; label: string }[];
  width?: number;
  height?: number;
}

const margin = { top: 28, right: 16, bottom: 34, left: 56 };

export function renderLineChart(chart: LineChart): string {
  const width = chart.width ?? 520;
  const height = chart.height ?? 260;
  const points = chart.series.flatMap((series) => series.points);
  const body = [`<text x="${margin.left}" y="16" class="chart-title">${escapeHtml(chart.title)}</text>`];
  if (points.length === 0) {
    body.push(`<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="chart-empty">no data</text>`);
    return svg(width, height, chart.title, body);
  }
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs) === xMin ? xMin + 1 : Math.max(...xs);
  const yTicks = niceTicks(0, Math.max(...ys, 0) || 1);
  const yMax = yTicks[yTicks.length - 1] ?? 1;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const toX = (x: number) => margin.left + ((x - xMin) / (xMax - xMin)) * plotWidth;
  const toY = (y: number) => margin.top + plotHeight - (y / yMax) * plotHeight;
  for (const tick of yTicks) {
    body.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${f(toY(tick))}" y2="${f(toY(tick))}" class="grid"/>`);
    body.push(`<text x="${margin.left - 6}" y="${f(toY(tick) + 4)}" text-anchor="end" class="tick">${escapeHtml(formatTick(tick))}</text>`);
  }
  const xTicks = chart.xTicks ?? niceTicks(xMin, xMax).map((value) => ({ value, label: formatTick(value) }));
  for (const tick of xTicks.filter(({ value }) => value >= xMin && value <= xMax)) {
    body.push(`<text x="${f(toX(tick.value))}" y="${height - margin.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(tick.label)}</text>`);
  }
  body.push(`<text x="12" y="${margin.top + plotHeight / 2}" transform="rotate(-90 12 ${margin.top + plotHeight / 2})" text-anchor="middle" class="axis">${escapeHtml(chart.yLabel)}</text>`);
  chart.series.forEach((series, index) => {
    const path = series.points.map(([x, y], point) => `${point === 0 ? 'M' : 'L'}${f(toX(x))},${f(toY(y))}`).join(' ');
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    body.push(`<path d="${path}" fill="none" stroke="${series.color}" stroke-width="2"${dash} data-series="${escapeHtml(series.name)}"/>`);
    series.points.forEach(([x, y], point) => {
      const label = series.labels?.[point] ?? `${series.name}: ${formatTick(y)}`;
      body.push(`<circle cx="${f(toX(x))}" cy="${f(toY(y))}" r="2.5" fill="${series.color}"><title>${escapeHtml(label)}</title></circle>`);
    });
    const legendX = margin.left + 8 + index * 150;
    body.push(`<rect x="${legendX}" y="${height - 12}" width="12" height="3" fill="${series.color}"/>`);
    body.push(`<text x="${legendX + 16}" y="${height - 7}" class="legend">${escapeHtml(series.name)}</text>`);
  });
  return svg(width, height, chart.title, body);
}

function svg(width: number, height: number, title: string, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">${body.join('')}</svg>`;
}

/** Round steps (1, 2 or 5 times a power of ten) from `low` to at least `high`. */
export function niceTicks(low: number, high: number, count = 5): number[] {
  const span = high - low || Math.abs(high) || 1;
  const rough = span / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let value = Math.floor(low / step) * step; value < high + step; value += step) {
    ticks.push(Number(value.toPrecision(12)));
    if (value >= high) break;
  }
  return ticks;
}

function formatTick(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}

const f = (value: number) => value.toFixed(1);
