import assert from 'node:assert/strict';
import { formatLoadResult } from '../../../harness/load/format-load-result.ts';
import { judgeLoad, type LoadExpectation } from '../../../harness/load/judge-load.ts';
import type { LoadResult } from '../../../harness/load/load-result.ts';
import { judgeSplit } from '../../../harness/traffic/split-verdict.ts';

function result(overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    durationSeconds: 3,
    connections: 10,
    requests: { total: 3000, perSecond: 1000 },
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    latency: { count: 3000, p50Ms: 1.2, p90Ms: 2.5, p99Ms: 8, maxMs: 20, meanMs: 1.5 },
    backends: {},
    unattributed: 0,
    ...overrides,
  };
}

function expectation(overrides: Partial<LoadExpectation> = {}): LoadExpectation {
  return { maxErrors: 0, splitWithinBounds: false, splitConfidence: 0.999, maxMisroutes: 0, latencyMs: {}, ...overrides };
}

describe('judgeLoad', () => {
  it('passes a clean run and fails each broken expectation with its own line', () => {
    assert.deepEqual(judgeLoad(result(), expectation({ latencyMs: { p99: { atMost: 10 } } })), { passed: true, problems: [] });
    const judged = judgeLoad(result({ errors: 2, timeouts: 1, non2xx: 3 }), expectation({ splitWithinBounds: true, latencyMs: { p99: { atMost: 5 } } }));
    assert.equal(judged.passed, false);
    assert.equal(judged.problems.length, 3);
    assert.equal(judged.problems[0], 'errors: expected at most 0, got 5 (2 transport errors of which 1 timeouts, 3 non-2xx responses)');
    assert.equal(judged.problems[1], 'split: expected a split verdict, but the load ran without weights');
    assert.match(judged.problems[2] ?? '', /latency p99.*5.*8/);
  });

  it('tolerates errors up to maxErrors', () => {
    assert.equal(judgeLoad(result({ non2xx: 2 }), expectation({ maxErrors: 2 })).passed, true);
  });

  it('fails a run that sent nothing', () => {
    assert.match(judgeLoad(result({ requests: { total: 0, perSecond: 0 } }), expectation()).problems[0] ?? '', /requests: expected some, got 0/);
  });

  it('never passes an invalid run, and says why', () => {
    const invalid = result({ validity: { valid: false, reasons: ['achieved rate 500/s is 50% of the target 1000/s'] } });
    const judged = judgeLoad(invalid, expectation());
    assert.equal(judged.passed, false);
    assert.match(judged.problems[0] ?? '', /^invalid run, never passed: achieved rate 500\/s/);
    assert.match(formatLoadResult(invalid), /INVALID run: achieved rate/);
  });

  it('counts misroutes of a mix against maxMisroutes and names the entry', () => {
    const mixed = result({
      mix: [
        { name: 'version one', expectedBackend: 'v1', requests: 100, misrouted: 0, backends: { v1: 100 } },
        { name: 'version two', expectedBackend: 'v2', requests: 100, misrouted: 3, backends: { v2: 97, v1: 3 } },
      ],
    });
    const judged = judgeLoad(mixed, expectation());
    assert.equal(judged.passed, false);
    assert.match(judged.problems[0] ?? '', /^misroutes: expected at most 0, got 3\n {2}- version two: 3 of 100 not answered by v2 \(v2 97, v1 3\)$/);
    assert.equal(judgeLoad(mixed, expectation({ maxMisroutes: 3 })).passed, true);
  });

  it('judges throughput, ratios to the baseline and the recovery time', () => {
    const base = result();
    const loaded = result({
      baseline: { label: 'direct', result: base, ratios: { requestsPerSecond: 0.5, p50: 2, p99: 3 } },
      disruption: { description: 'killed pod x', atMs: 1000, failuresAfter: 4, recoveryMs: 900 },
    });
    const judged = judgeLoad(
      loaded,
      expectation({ maxErrors: 10, requestsPerSecond: { atLeast: 2000 }, baselineRatio: { requestsPerSecond: { atLeast: 0.6 }, p99: { atMost: 4 } }, recoveryMs: { atMost: 500 } }),
    );
    assert.equal(judged.problems.length, 3, judged.problems.join('\n'));
    assert.match(judged.problems.join('\n'), /requests per second[^\n]*2000/);
    assert.match(judged.problems.join('\n'), /baseline[^\n]*0\.6/);
    assert.match(judged.problems.join('\n'), /recovery[^\n]*500/);
  });

  it('includes the split table in the failure and in the printed result', () => {
    const split = judgeSplit({ a: 500, b: 500 }, { a: 70, b: 30 });
    const loaded = result({ split, backends: { a: 500, b: 500 } });
    assert.match(judgeLoad(loaded, expectation({ splitWithinBounds: true })).problems[0] ?? '', /^split: out of bounds\n {2}- the observed split differs[\s\S]*backend\s+weight/);
    assert.match(formatLoadResult(loaded), /^3000 requests in 3\.0 s \(1000\/s\) over 10 connections[^\n]*\nerrors 0 \(timeouts 0\), non-2xx 0\nlatency ms: p50 1\.2 {2}p90 2\.5 {2}p99 8 {2}p99\.9 - {2}max 20\n[\s\S]*backend/);
  });
});
