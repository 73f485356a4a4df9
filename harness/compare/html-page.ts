// The frame of the comparison and trend pages: one self-contained HTML file (inline CSS, inline SVG, no script,
// nothing fetched), readable when opened from disk or attached to a CI job.
//
//   htmlPage(title, body): string
import { escapeHtml } from './escape-html.ts';

const style = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1120px; padding: 0 16px; color: #1d1d1f; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
table { border-collapse: collapse; margin: 12px 0; } th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { font-size: 16px; font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; }
.verdict.regressed { background: #fde2e1; color: #8a1c17; } .verdict.clean { background: #e2f4e4; color: #1b5e20; }
tr.regression td { background: #fdecea; font-weight: 600; } tr.improvement td { background: #eaf6ec; }
tr.not-testable td { color: #777; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
svg { background: #fafafa; border: 1px solid #e5e5e5; border-radius: 4px; }
svg .grid { stroke: #e3e3e3; } svg .tick, svg .legend { font-size: 11px; fill: #555; } svg .axis { font-size: 11px; fill: #333; }
svg .chart-title { font-size: 13px; font-weight: 600; fill: #222; } svg .chart-empty { fill: #999; }
code { background: #f3f3f3; padding: 1px 4px; border-radius: 3px; }
`;

export function htmlPage(title: string, body: string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
