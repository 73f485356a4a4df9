import assert from 'node:assert/strict';
import type { MetricRow } from '../../../harness/compare/compare-result.ts';
import { compareRuns } from '../../../harness/compare/compare-runs.ts';
import type { MetricId } from '../../../harness/compare/metrics.ts';
import { comparedRunOf } from '../../../harness/compare/read-run.ts';
import { applyThresholdOption, type CompareSettings, defaultSettings } from '../../../harness/compare/thresholds.ts';
import { type FixtureScenario, latencies, runResults } from './run-fixtures.ts';

const run = (runId: string, scenarios: FixtureScenario[]) => comparedRunOf(runResults(runId, scenarios), `${runId}/results.json`);
const steadySeconds = (count: number, perSecond: number, seed: number) => Array.from({ length: count }, (_, second) => perSecond + ((second * 37 + seed * 11) % 50));

function metric(rows: MetricRow[], id: MetricId): MetricRow {
  const row = rows.find((candidate) => candidate.metric === id);
  assert.ok(row, `no row for ${id}`);
  return row;
}

function compare(base: FixtureScenario[], next: FixtureScenario[], settings: CompareSettings = defaultSettings()) {
  return compareRuns(run('base', base), run('new', next), settings);
}

describe('compareRuns', () => {
  it('stays quiet on two runs drawn from the same distribution', () => {
    const comparison = compare(
      [{ id: 'load-a', load: { latenciesMs: latencies(8000, 1), perSecond: steadySeconds(8, 1000, 1) } }],
      [{ id: 'load-a', load: { latenciesMs: latencies(8000, 2), perSecond: steadySeconds(8, 1000, 2) } }],
    );
    assert.equal(comparison.verdict, 'no significant regression');
    assert.deepEqual(comparison.regressions, []);
    assert.equal(comparison.metrics.length, 6);
    for (const row of comparison.metrics) assert.ok(row.verdict === 'no-significant-change' || row.verdict === 'within-threshold', `${row.metric}: ${row.verdict}`);
    assert.equal(comparison.testCount, 6);
  });

  it('compares each load run of a scenario with a loads list, and counts its outcome once', () => {
    const withTwoLoads = (runId: string, outcome: 'passed' | 'failed', addMs: number, seed: number) => {
      const results = runResults(runId, [{ id: 'multi', outcome, load: { latenciesMs: latencies(8000, seed), perSecond: steadySeconds(8, 1000, seed) } }]);
      const scenario = (results.scenarios as Record<string, unknown>[])[0] as Record<string, unknown>;
      const slowed = runResults(runId, [{ id: 'multi', load: { latenciesMs: latencies(8000, seed + 10, 2, addMs), perSecond: steadySeconds(8, 1000, seed) } }]);
      const second = ((slowed.scenarios as Record<string, unknown>[])[0] as Record<string, unknown>).load as Record<string, unknown>;
      scenario.loads = [scenario.load, { ...second, name: 'churn' }];
      return comparedRunOf(results, `${runId}/results.json`);
    };
    const comparison = compareRuns(withTwoLoads('base', 'passed', 0, 1), withTwoLoads('new', 'failed', 5, 2), defaultSettings());
    assert.deepEqual(
      comparison.outcomes.map((row) => [row.scenario, row.verdict]),
      [['multi', 'regression']],
    );
    assert.deepEqual(
      comparison.regressions.map((item) => `${item.scenario}: ${item.what}`).filter((line) => !line.includes('latency p')),
      ['multi: passed before, failed now', 'multi/churn: latency (distribution)'],
    );
    assert.deepEqual(
      comparison.charts.map((charts) => charts.scenario),
      ['multi', 'multi/churn'],
    );
  });

  it('flags a run slowed by 5 ms per request as a latency regression, with the tests that said so', () => {
    const comparison = compare(
      [{ id: 'load-a', load: { latenciesMs: latencies(8000, 1), perSecond: steadySeconds(8, 1000, 1) } }],
      [{ id: 'load-a', load: { latenciesMs: latencies(8000, 2, 2, 5), perSecond: steadySeconds(8, 600, 2) } }],
    );
    assert.equal(comparison.verdict, 'regressed');
    const p50 = metric(comparison.metrics, 'latency.p50');
    assert.equal(p50.verdict, 'regression');
    assert.match(p50.test?.method ?? '', /^Mood's quantile test at the pooled p50 \(chi-square \(1 df\)\)$/);
    assert.ok((p50.test?.adjustedPValue ?? 1) < 1e-10);
    assert.ok((p50.change?.relative ?? 0) > 2, JSON.stringify(p50.change));
    const distribution = metric(comparison.metrics, 'latency');
    assert.equal(distribution.verdict, 'regression');
    assert.ok((distribution.change?.probabilityNextHigher ?? 0) > 0.9);
    assert.equal(metric(comparison.metrics, 'throughput').verdict, 'regression');
    assert.equal(metric(comparison.metrics, 'throughput').direction, 'worse');
    // The tail grew by 62%: significant, but within p99's default +75%.
    assert.equal(metric(comparison.metrics, 'latency.p99').verdict, 'within-threshold');
    assert.deepEqual(
      comparison.regressions.map((item) => item.what),
      ['latency (distribution)', 'latency p50', 'latency p90', 'throughput'],
    );
  });

  it('calls a faster run an improvement, never a regression', () => {
    const comparison = compare(
      [{ id: 'load-a', load: { latenciesMs: latencies(8000, 1, 2, 5) } }],
      [{ id: 'load-a', load: { latenciesMs: latencies(8000, 2) } }],
    );
    assert.equal(comparison.verdict, 'no significant regression');
    assert.equal(metric(comparison.metrics, 'latency.p50').verdict, 'improvement');
    assert.equal(metric(comparison.metrics, 'latency.p50').direction, 'better');
  });

  it('reports a significant change within its threshold, and a tighter threshold makes it a regression', () => {
    // +0.5 ms on a 2 ms median: significant over 8000 requests, under the default +50% and +1 ms.
    const base: FixtureScenario[] = [{ id: 'load-a', load: { latenciesMs: latencies(8000, 1) } }];
    const next: FixtureScenario[] = [{ id: 'load-a', load: { latenciesMs: latencies(8000, 2, 2, 0.5) } }];
    const lenient = compare(base, next);
    assert.equal(metric(lenient.metrics, 'latency.p50').verdict, 'within-threshold');
    assert.equal(lenient.verdict, 'no significant regression');
    const settings = defaultSettings();
    applyThresholdOption(settings, 'load-a:latency.p50=10%,0.2ms');
    const strict = compare(base, next, settings);
    assert.equal(metric(strict.metrics, 'latency.p50').verdict, 'regression');
    assert.equal(metric(strict.metrics, 'latency.p50').threshold, '+10% and +0.2 ms');
  });

  it('judges the error rate on the counts of failed and sent requests', () => {
    const settings = defaultSettings();
    applyThresholdOption(settings, 'errors=0.1%');
    const comparison = compare(
      [{ id: 'load-a', load: { latenciesMs: latencies(10000, 1) } }],
      [{ id: 'load-a', load: { latenciesMs: latencies(10000, 2), non2xx: 60, errors: 20 } }],
      settings,
    );
    const errors = metric(comparison.metrics, 'errors');
    assert.equal(errors.verdict, 'regression');
    assert.equal(errors.test?.method, 'chi-square (1 df)');
    assert.ok(Math.abs((errors.next ?? 0) - 80 / 10020) < 1e-12, String(errors.next));
  });

  it('makes a scenario that passed and now fails a regression whatever the numbers say', () => {
    const comparison = compare(
      [{ id: 'route-a' }, { id: 'route-b', outcome: 'failed' }, { id: 'route-c' }, { id: 'gone' }],
      [{ id: 'route-a', outcome: 'failed' }, { id: 'route-b' }, { id: 'route-c', outcome: 'skipped' }, { id: 'added', outcome: 'failed' }],
    );
    assert.equal(comparison.verdict, 'regressed');
    assert.deepEqual(comparison.regressions, [{ scenario: 'route-a', what: 'passed before, failed now' }]);
    assert.deepEqual(
      comparison.outcomes.map((row) => [row.scenario, row.verdict]),
      [
        ['route-a', 'regression'],
        ['route-b', 'improvement'],
        ['route-c', 'changed'],
        ['gone', 'removed'],
        ['added', 'new'],
      ],
    );
    assert.deepEqual(comparison.notes, ['only in the new run: added', 'only in the base run: gone', 'route-c: passed before, skipped now']);
  });

  it('says why a metric could not be tested instead of guessing', () => {
    const base = runResults('base', [{ id: 'load-a', load: { latenciesMs: latencies(300, 1), perSecond: [100, 100, 100] } }]);
    const scenario = (base.scenarios as { load: Record<string, unknown> }[])[0];
    if (scenario) delete scenario.load.latencyHistogram;
    const comparison = compareRuns(comparedRunOf(base, 'base.json'), run('new', [{ id: 'load-a', load: { latenciesMs: latencies(300, 2), perSecond: [90, 95, 99] } }]), defaultSettings());
    assert.equal(metric(comparison.metrics, 'latency.p99').verdict, 'not-testable');
    assert.equal(metric(comparison.metrics, 'latency.p99').untestable, 'the base run kept no latency histogram (results from an older gauntlet)');
    assert.match(metric(comparison.metrics, 'throughput').untestable ?? '', /^3 and 3 seconds of counts: a rank test cannot go below p 0\.1 \(alpha 0\.01\); run the load longer$/);
    assert.equal(comparison.verdict, 'no significant regression');
  });
});
