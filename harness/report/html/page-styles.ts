// The report's stylesheet, inline in the page (no network). Plain, dense and printable: system fonts, a light
// palette whose pass/fail/skip colours are told apart by label as well as by colour.

export const PAGE_STYLES = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --skip: #7d4e00; --skip-bg: #fff8c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 8px; }
h4 { font-size: 14px; margin: 12px 0 6px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12px; font-weight: 600; letter-spacing: .02em; border: 1px solid transparent; white-space: nowrap; }
.badge.passed { color: var(--pass); background: var(--pass-bg); border-color: var(--pass); }
.badge.failed { color: var(--fail); background: var(--fail-bg); border-color: var(--fail); }
.badge.skipped { color: var(--skip); background: var(--skip-bg); border-color: var(--skip); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 15px; font-weight: 600; margin-top: 2px; word-break: break-word; }
.card .detail { color: var(--muted); font-size: 12.5px; }
.counts { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.failure { border: 1px solid var(--fail); border-left-width: 4px; border-radius: 8px; padding: 12px 14px; margin: 0 0 16px; }
.failure .where { color: var(--muted); margin: 0 0 8px; }
.side-by-side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
@media (max-width: 900px) { .side-by-side { grid-template-columns: 1fr; } }
.expected-got td.expected { background: #eef6ff; }
.expected-got td.actual { background: var(--fail-bg); }
.expected-got td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
.expected-got td:first-child { font-family: inherit; min-width: 8em; overflow-wrap: normal; }
.object { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; margin: 0 0 8px; background: var(--bg); }
.object .title { font-weight: 600; }
.object .meta { color: var(--muted); font-size: 12px; }
.conditions td.status-False, .conditions td.status-Unknown { color: var(--fail); font-weight: 600; }
.conditions td.status-True { color: var(--pass); font-weight: 600; }
.conditions td, .conditions th { padding: 3px 6px; font-size: 12.5px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--bg); }
.chart.chart-propagation { grid-column: 1 / -1; }
.chart figcaption { font-weight: 600; margin-bottom: 6px; }
.chart-canvas { position: relative; width: 100%; }
.chart-data summary, details > summary { cursor: pointer; color: var(--muted); font-size: 12.5px; }
.chart-data table { margin-top: 6px; font-size: 12px; }
.note { color: var(--muted); font-size: 12.5px; }
.scenarios td.outcome { width: 80px; }
.scenarios details summary { color: var(--fg); font-size: 14px; }
.scenarios .steps { margin: 6px 0 4px; }
.steps td { font-size: 12.5px; padding: 3px 6px; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; border-top: 1px solid var(--line); padding-top: 10px; }
`;
