import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latencies, runResults } from '../compare/run-fixtures.ts';
import { runCli } from './run-cli.ts';

describe('gauntlet compare', function () {
  // Each case starts one to three Node processes: seconds each on a loaded machine (a hang guard, not a timing).
  this.timeout(120_000);
  let dir: string;
  const file = (name: string) => join(dir, name);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-compare-cli-'));
    const load = (seed: number, addMs: number) => [{ id: 'load-a', load: { latenciesMs: latencies(6000, seed, 2, addMs), perSecond: [1000, 1010, 990, 1000, 1005, 995] } }];
    await writeFile(file('base.json'), JSON.stringify(runResults('base', load(1, 0))));
    await writeFile(file('same.json'), JSON.stringify(runResults('same', load(2, 0), '2026-12-02T02:00:00.000Z')));
    await writeFile(file('slow.json'), JSON.stringify(runResults('slow', load(3, 5), '2026-12-03T02:00:00.000Z')));
  });

  it('exits 0 and says so when nothing regressed', async () => {
    const result = await runCli(['compare', file('base.json'), file('same.json')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^No significant regression\.$/m);
  });

  it('exits 1 on a slowed run, naming what regressed, and writes the HTML and Markdown views', async () => {
    const result = await runCli(['compare', file('base.json'), file('slow.json'), '--html', file('view.html'), '--markdown', file('view.md')]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^REGRESSED: \d+ significant regression\(s\):\n {2}load-a: latency \(distribution\)/m);
    assert.match(await readFile(file('view.html'), 'utf8'), /<p class="verdict regressed">/);
    assert.match(await readFile(file('view.md'), 'utf8'), /^## Gauntlet comparison: regressed/);
  });

  it('prints the comparison as JSON with --json', async () => {
    const result = await runCli(['compare', file('base.json'), file('slow.json'), '--json']);
    assert.equal(result.code, 1);
    const parsed = JSON.parse(result.stdout) as { verdict: string; metrics: { metric: string; verdict: string }[] };
    assert.equal(parsed.verdict, 'regressed');
    assert.equal(parsed.metrics.find((row) => row.metric === 'latency.p50')?.verdict, 'regression');
  });

  it('exits 2 with one paragraph, no stack trace, for bad input; --json carries the error too', async () => {
    const missing = await runCli(['compare', file('base.json'), file('nowhere')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, `gauntlet: ${file('nowhere')}: no such file or folder; give a run folder (reports/<run-id>) or its results.json\n`);
    const threshold = await runCli(['compare', file('base.json'), file('same.json'), '--threshold', 'latency.p99=fast', '--json']);
    assert.equal(threshold.code, 2);
    assert.deepEqual(JSON.parse(threshold.stdout), {
      error: { code: 'GAUNTLET_COMPARE_INPUT', message: '--threshold: latency.p99="fast": "fast" is not a threshold latency.p99 takes; write a relative rise and/or milliseconds, e.g. 50% or 50%,2ms' },
    });
    const debug = await runCli(['compare', file('base.json'), file('nowhere'), '--debug']);
    assert.match(debug.stderr, /^CompareInputError: .*\n {4}at /m);
  });

  it('exits 2 for an unknown option, never the 1 of a regression', async () => {
    const result = await runCli(['compare', file('base.json'), file('same.json'), '--treshold', 'x']);
    assert.equal(result.code, 2);
    // A short paragraph pointing at --help, not the whole help text.
    assert.equal(result.stderr, "error: unknown option '--treshold'\n(Did you mean --threshold?)\n(add --help for the options and examples)\n");
  });

  it('shows the tests, threshold syntax and examples in --help', async () => {
    const result = await runCli(['compare', '--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Mood's quantile test at the pooled percentile/);
    assert.match(result.stdout, /Examples:\n {2}\$ gauntlet compare /);
  });
});
