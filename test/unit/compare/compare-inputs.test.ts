// Bad input to `gauntlet compare` gets a message naming the file or option and what to do; good input parses.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompareInputError } from '../../../harness/compare/compare-error.ts';
import { readRun } from '../../../harness/compare/read-run.ts';
import { applyThresholdOption, defaultSettings } from '../../../harness/compare/thresholds.ts';
import { applyThresholdsFile } from '../../../harness/compare/thresholds-file.ts';
import { latencies, runResults } from './run-fixtures.ts';

async function rejectsWith(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CompareInputError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

describe('readRun', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-compare-'));
  });

  it('reads a run folder or its results.json, load histograms included', async () => {
    await mkdir(join(dir, 'run-a'));
    await writeFile(join(dir, 'run-a', 'results.json'), JSON.stringify(runResults('run-a', [{ id: 'load-a', load: { latenciesMs: latencies(1000, 1) } }, { id: 'plain' }])));
    for (const path of [join(dir, 'run-a'), join(dir, 'run-a', 'results.json')]) {
      const run = await readRun(path);
      assert.equal(run.runId, 'run-a');
      assert.deepEqual(
        run.scenarios.map((scenario) => [scenario.id, scenario.outcome, scenario.load?.latency?.total]),
        [
          ['load-a', 'passed', 1000],
          ['plain', 'passed', undefined],
        ],
      );
    }
  });

  it('reads every load run of a scenario with a loads list, and per-interval timelines', async () => {
    const results = runResults('run-b', [{ id: 'multi', load: { latenciesMs: latencies(500, 2), perSecond: [250, 250] } }]);
    const scenario = (results.scenarios as Record<string, unknown>[])[0] as Record<string, unknown>;
    const first = scenario.load as Record<string, unknown>;
    const second = { ...first, name: 'churn', timeline: { intervalMs: 1000, completed: [240, 260], failed: [1, 0] } };
    scenario.loads = [first, second];
    await writeFile(join(dir, 'run-b.json'), JSON.stringify(results));
    const run = await readRun(join(dir, 'run-b.json'));
    assert.deepEqual(
      run.scenarios.map((entry) => [entry.id, entry.partOf, entry.load?.perSecond, entry.load?.failedPerSecond]),
      [
        ['multi', undefined, [250, 250], [0, 0]],
        ['multi/churn', 'multi', [240, 260], [1, 0]],
      ],
    );
  });

  it('names the path and what to give instead', async () => {
    await rejectsWith(readRun(join(dir, 'nowhere')), /nowhere: no such file or folder; give a run folder \(reports\/<run-id>\) or its results\.json$/);
    await mkdir(join(dir, 'empty'));
    await rejectsWith(readRun(join(dir, 'empty')), /empty: a folder without results\.json; give a run folder written by gauntlet run/);
    await writeFile(join(dir, 'cut.json'), '{"schemaVersion": 1, "runId": "x", "scen');
    await rejectsWith(readRun(join(dir, 'cut.json')), /cut\.json: not JSON \(.+\); a run that was killed may have left it cut short/);
    await writeFile(join(dir, 'future.json'), JSON.stringify({ ...runResults('x', []), schemaVersion: 99 }));
    await rejectsWith(readRun(join(dir, 'future.json')), /future\.json: results schemaVersion 99, but this gauntlet reads 1; compare with the gauntlet version that wrote it/);
    const wrong = runResults('x', [{ id: 'a' }]);
    (wrong.scenarios as { outcome: string }[])[0] = { ...(wrong.scenarios as object[])[0], outcome: 'maybe' } as { outcome: string };
    await writeFile(join(dir, 'wrong.json'), JSON.stringify(wrong));
    await rejectsWith(readRun(join(dir, 'wrong.json')), /wrong\.json: scenarios\[0\]\.outcome is not passed, failed or skipped/);
    const broken = runResults('x', [{ id: 'a', load: { latenciesMs: [1, 2, 3] } }]);
    ((broken.scenarios as { load: Record<string, unknown> }[])[0] as { load: Record<string, unknown> }).load.latencyHistogram = 'bm90IGEgaGlzdG9ncmFt';
    await writeFile(join(dir, 'broken.json'), JSON.stringify(broken));
    await rejectsWith(readRun(join(dir, 'broken.json')), /broken\.json: scenarios\[0\]\.load\.latencyHistogram: the latency histogram does not decode/);
  });
});

describe('thresholds', () => {
  it('parses relative, absolute and probability parts per metric and scenario', () => {
    const settings = defaultSettings();
    applyThresholdOption(settings, 'latency.p99=25%,1.5ms');
    applyThresholdOption(settings, 'throughput=10%,100/s');
    applyThresholdOption(settings, 'errors=0.5%');
    applyThresholdOption(settings, 'latency=0.6');
    applyThresholdOption(settings, 'smoke-get:latency.p50=5%');
    assert.deepEqual(settings.thresholds['latency.p99'], { relative: 0.25, absolute: 1.5 });
    assert.deepEqual(settings.thresholds.throughput, { relative: 0.1, absolute: 100 });
    assert.deepEqual(settings.thresholds.errors, { absolute: 0.005 });
    assert.deepEqual(settings.thresholds.latency, { probability: 0.6 });
    assert.deepEqual(settings.scenarios['smoke-get'], { 'latency.p50': { relative: 0.05 } });
  });

  it('refuses what a metric does not take, saying what it does', () => {
    const settings = defaultSettings();
    assert.throws(() => applyThresholdOption(settings, 'latency.p99'), /--threshold "latency.p99": write \[scenario:\]metric=value, e.g. latency.p99=50%,2ms/);
    assert.throws(() => applyThresholdOption(settings, 'latency.p95=10%'), /unknown metric "latency.p95"; use one of latency, latency.p50, latency.p90, latency.p99, throughput, errors/);
    assert.throws(() => applyThresholdOption(settings, 'errors=2ms'), /errors="2ms": "2ms" is not a threshold errors takes; write percentage points of the error rate, e.g. 0.5%/);
    assert.throws(() => applyThresholdOption(settings, 'latency=1.5'), /write a probability between 0.5 and 1, e.g. 0.71/);
  });

  it('reads a thresholds file and points at the line of a mistake', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-thresholds-'));
    const good = join(dir, 'good.yaml');
    await writeFile(good, 'alpha: 0.05\nthresholds:\n  latency.p99: 30%,1ms\nscenarios:\n  smoke-get:\n    errors: 0.2%\n');
    const settings = defaultSettings();
    await applyThresholdsFile(settings, good);
    assert.equal(settings.alpha, 0.05);
    assert.deepEqual(settings.thresholds['latency.p99'], { relative: 0.3, absolute: 1 });
    assert.deepEqual(settings.scenarios['smoke-get'], { errors: { absolute: 0.002 } });
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'thresholds:\n  latency.p99: 30%\n  latency.p999: 10%\n');
    await assert.rejects(applyThresholdsFile(defaultSettings(), bad), new RegExp(`^CompareInputError: ${bad.replaceAll('.', '\\.')}:3:3: unknown metric "latency.p999"`));
    const unknown = join(dir, 'unknown.yaml');
    await writeFile(unknown, 'alpha: 0.01\nthreshold:\n  errors: 1%\n');
    await assert.rejects(applyThresholdsFile(defaultSettings(), unknown), /unknown\.yaml:2:1: unknown field "threshold"; use alpha, thresholds or scenarios/);
  });
});
