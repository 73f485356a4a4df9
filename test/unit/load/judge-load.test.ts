import assert from 'node:assert/strict';
import { formatLoadResult, judgeLoad } from '../../../harness/load/judge-load.ts';
import type { LoadResult } from '../../../harness/load/run-load.ts';
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

describe('judgeLoad', () => {
  it('passes a clean run and fails each broken expectation with its own line', () => {
    assert.deepEqual(judgeLoad(result(), { maxErrors: 0, splitWithinBounds: false, latencyP99Ms: 10 }), { passed: true, problems: [] });
    const judged = judgeLoad(result({ errors: 2, timeouts: 1, non2xx: 3 }), { maxErrors: 0, splitWithinBounds: true, latencyP99Ms: 5 });
    assert.equal(judged.passed, false);
    assert.deepEqual(judged.problems, [
      'errors: expected at most 0, got 5 (2 transport errors of which 1 timeouts, 3 non-2xx responses)',
      'split: expected a split verdict, but the load ran without weights',
      'latency p99: expected at most 5 ms, got 8 ms',
    ]);
  });

  it('tolerates errors up to maxErrors', () => {
    assert.equal(judgeLoad(result({ non2xx: 2 }), { maxErrors: 2, splitWithinBounds: false }).passed, true);
  });

  it('fails a run that sent nothing', () => {
    assert.match(judgeLoad(result({ requests: { total: 0, perSecond: 0 } }), { maxErrors: 0, splitWithinBounds: false }).problems[0] ?? '', /requests: expected some, got 0/);
  });

  it('includes the split table in the failure and in the printed result', () => {
    const split = judgeSplit({ a: 500, b: 500 }, { a: 70, b: 30 });
    const loaded = result({ split, backends: { a: 500, b: 500 } });
    assert.match(judgeLoad(loaded, { maxErrors: 0, splitWithinBounds: true }).problems[0] ?? '', /^split: out of bounds\n {2}- the observed split differs[\s\S]*backend\s+weight/);
    assert.match(formatLoadResult(loaded), /^3000 requests in 3\.0 s \(1000\/s\) over 10 connections\nerrors 0 \(timeouts 0\), non-2xx 0\nlatency ms: p50 1\.2 {2}p90 2\.5 {2}p99 8 {2}max 20\nbackend/);
  });
});
