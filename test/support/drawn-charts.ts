// What a page's charts look like once the browser has run their scripts: for each canvas carrying a chart spec,
// whether the chart code marked it drawn and how many of its pixels hold paint (a drawn chart has thousands, a
// blank canvas none). One check for every test that opens a report in Chromium.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export interface DrawnChart {
  spec: string;
  drawn: string | undefined;
  painted: number;
}

export function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.$$eval('canvas[data-chart-spec]', (canvases) =>
    canvases.map((element) => {
      const canvas = element as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
      let painted = 0;
      for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) painted += 1;
      return { spec: canvas.dataset.chartSpec ?? '', drawn: canvas.dataset.drawn, painted };
    }),
  );
}

/** Every chart was drawn by its code and shows more than a blank canvas. */
export function assertChartsPainted(charts: DrawnChart[]): void {
  for (const chart of charts) {
    assert.equal(chart.drawn, 'true', `${chart.spec} was not drawn`);
    assert.ok(chart.painted > 1000, `${chart.spec} looks blank (${chart.painted} painted pixels)`);
  }
}
