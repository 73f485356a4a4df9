// The views of a comparison: terminal table, Markdown, HTML with overlaid charts, and the history's trends.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparePaths } from '../../../harness/compare/compare-paths.ts';
import { compareRuns } from '../../../harness/compare/compare-runs.ts';
import { comparedRunOf } from '../../../harness/compare/read-run.ts';
import { renderComparisonHtml } from '../../../harness/compare/render-html.ts';
import { renderComparisonMarkdown } from '../../../harness/compare/render-markdown.ts';
import { renderComparisonText } from '../../../harness/compare/render-text.ts';
import { defaultSettings } from '../../../harness/compare/thresholds.ts';
import { sparkline } from '../../../harness/compare/trends.ts';
import { type FixtureScenario, latencies, runResults } from './run-fixtures.ts';

const seconds = (count: number, perSecond: number) => Array.from({ length: count }, (_, second) => perSecond + (second % 3) * 10);
const scenarios = (seed: number, addMs: number, perSecond: number): FixtureScenario[] => [
  { id: 'load-<a>', load: { latenciesMs: latencies(6000, seed, 2, addMs), perSecond: seconds(6, perSecond) } },
  { id: 'route|b', outcome: addMs > 0 ? 'failed' : 'passed' },
];

function slowedComparison() {
  const base = comparedRunOf(runResults('base-run', scenarios(1, 0, 1000)), 'reports/base-run/results.json');
  const next = comparedRunOf(runResults('new-run', scenarios(2, 5, 500), '2026-12-02T02:00:00.000Z'), 'reports/new-run/results.json');
  return compareRuns(base, next, defaultSettings());
}

describe('comparison views', () => {
  it('prints a table with the verdicts, the tests by name and what regressed', () => {
    const text = renderComparisonText(slowedComparison());
    assert.match(text, /^base: base-run \(2026-12-01T02:00:00\.000Z, gatewayClass gauntlet\) from reports\/base-run\/results\.json$/m);
    assert.match(text, /^SCENARIO +METRIC +BASE +NEW +CHANGE +P \(HOLM\) +VERDICT$/m);
    assert.match(text, /^route\|b +outcome +passed +failed +REGRESSION$/m);
    assert.match(text, /^load-<a> +latency p50 +[\d.]+ ms +[\d.]+ ms +\+\d+\.\d% +<1e-16 +REGRESSION \(threshold \+50% and \+1 ms\)$/m);
    assert.match(text, /latency p99: Mood's quantile test at the pooled p99/);
    assert.match(text, /^REGRESSED: 5 significant regression\(s\):\n {2}route\|b: passed before, failed now\n {2}load-<a>: latency \(distribution\)/m);
  });

  it('writes Markdown whose table survives a pipe in a scenario id', () => {
    const markdown = renderComparisonMarkdown(slowedComparison());
    assert.match(markdown, /^## Gauntlet comparison: regressed \(5 significant regressions\)$/m);
    assert.match(markdown, /^\| route\\\|b \| outcome \| passed \| failed \| {2}\| {2}\| \*\*REGRESSION\*\* \|$/m);
    for (const line of markdown.split('\n').filter((candidate) => candidate.startsWith('| load-'))) assert.equal(line.split(/(?<!\\)\|/).length, 9, line);
  });

  it("draws both runs overlaid per load scenario in the run report's charts, escaping what the runs named", async () => {
    const html = await renderComparisonHtml(slowedComparison());
    // Self-contained: the chart script is inline, and nothing outside the page is named.
    assert.doesNotMatch(html, /<script[^>]* src=|<link /);
    assert.match(html, /<h2>load-&lt;a&gt;<\/h2>/);
    const specs = [...html.matchAll(/<script type="application\/json" id="[^"]+">(.*?)<\/script>/g)].map((match) => JSON.parse(match[1] ?? '') as { kind: string; series: { label: string; points: unknown[] }[] });
    assert.deepEqual(
      specs.map((spec) => spec.kind),
      ['latency-curve', 'throughput'],
    );
    for (const spec of specs) {
      assert.deepEqual(
        spec.series.map((series) => series.label),
        ['base', 'new'],
      );
      for (const series of spec.series) assert.ok(series.points.length > 0, `${spec.kind} ${series.label} has no points`);
    }
    assert.equal(html.match(/<canvas [^>]*data-chart-spec=/g)?.length, 2);
    assert.match(html, /<tr class="regression"><td>route\|b<\/td><td>outcome<\/td>/);
  });

  it('draws a sparkline with gaps for runs without the metric', () => {
    assert.equal(sparkline([1, 2, null, 8]), '▁▂ █');
    assert.equal(sparkline([3, 3]), '▄▄');
  });
});

describe('comparePaths with --history', () => {
  it('keeps runs, compares each new one with the newest kept before it, prunes the oldest and draws trends', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-history-'));
    const history = join(dir, 'nightly');
    const paths: string[] = [];
    for (const [index, addMs] of [0, 0, 0, 5].entries()) {
      const file = join(dir, `run-${index}.json`);
      await writeFile(file, JSON.stringify(runResults(`run-${index}`, scenarios(index + 1, addMs, 1000), `2026-12-0${index + 1}T02:00:00.000Z`)));
      paths.push(file);
    }
    const first = await comparePaths({ runs: [paths[0] ?? ''], historyDir: history, settings: defaultSettings(), keep: 3 });
    assert.equal(first.comparison, undefined);
    assert.equal(first.history?.trends.runs.length, 1);
    const second = await comparePaths({ runs: [paths[1] ?? ''], historyDir: history, settings: defaultSettings(), keep: 3 });
    assert.equal(second.comparison?.base.runId, 'run-0');
    assert.equal(second.comparison?.verdict, 'no significant regression');
    await comparePaths({ runs: [paths[2] ?? ''], historyDir: history, settings: defaultSettings(), keep: 3 });
    await writeFile(join(history, 'runs', 'notes.json'), '{"not": "a run"}');
    const fourth = await comparePaths({ runs: [paths[3] ?? ''], historyDir: history, settings: defaultSettings(), keep: 3 });
    assert.equal(fourth.comparison?.base.runId, 'run-2');
    assert.equal(fourth.comparison?.verdict, 'regressed');
    assert.deepEqual(
      fourth.history?.trends.runs.map((run) => run.runId),
      ['run-1', 'run-2', 'run-3'],
    );
    assert.deepEqual((await readdir(join(history, 'runs'))).sort(), ['notes.json', 'run-1.json', 'run-2.json', 'run-3.json']);
    assert.match(fourth.history?.warnings[0] ?? '', /notes\.json is not a run this gauntlet reads, left out of the trends/);
    const p50 = fourth.history?.trends.load[0]?.values['latency.p50'] ?? [];
    assert.ok((p50[2] ?? 0) > (p50[1] ?? 0) + 4, `p50 trend ${p50.join(', ')}`);
    const trends = await readFile(join(history, 'trends.html'), 'utf8');
    assert.equal(trends.match(/data-chart-spec=/g)?.length, 3, 'three trend charts (latency, throughput, errors) for the one load scenario');
    assert.match(trends, /<td>route\|b<\/td><td>✔<\/td><td>✔<\/td><td>✘<\/td>/);
  });

  it('needs BASE and NEW, or a history', async () => {
    await assert.rejects(comparePaths({ runs: ['only-one'], settings: defaultSettings() }), /compare got one run \(only-one\); give BASE and NEW, or --history DIR/);
  });
});
