import assert from 'node:assert/strict';
import type { LoadResult } from '../../../harness/load/load-result.ts';
import { judgeSplit } from '../../../harness/traffic/split-verdict.ts';
import { loadComparisons, splitComparisons, splitObservation } from '../../../suites/steps/measured-comparisons.ts';

describe('expected versus got of measured steps', () => {
  const verdict = judgeSplit({ v1: 246, v2: 254 }, { v1: 70, v2: 30, v3: 0 });

  it('lists each backend share, the test and the failed samples of a split', () => {
    assert.deepEqual(splitComparisons(verdict, { 'status 503': 2 }), [
      { field: 'share of v1', expected: '70.0% (350.0)', actual: '49.2% (246)' },
      { field: 'share of v2', expected: '30.0% (150.0)', actual: '50.8% (254)' },
      { field: 'share of v3', expected: '0.0% (0.0)', actual: '0.0% (0)' },
      { field: 'chi-square test', expected: 'p >= 0.001', actual: `p = ${verdict.pValue.toPrecision(3)}` },
      { field: 'failed samples', expected: '0', actual: '2 (status 503)' },
    ]);
    assert.deepEqual(splitObservation(verdict), { weights: { v1: 70, v2: 30, v3: 0 }, counts: { v1: 246, v2: 254, v3: 0 }, pValue: verdict.pValue, significance: 0.001, passed: false });
  });

  it('lists requests, errors, the p99 budget and the split of a load phase', () => {
    const result: LoadResult = {
      durationSeconds: 3,
      connections: 10,
      requests: { total: 500, perSecond: 166.7 },
      non2xx: 3,
      errors: 2,
      timeouts: 1,
      latency: { count: 500, p50Ms: 1, p90Ms: 2, p99Ms: 12.5, maxMs: 20, meanMs: 1.2 },
      backends: { v1: 246, v2: 254 },
      unattributed: 4,
      split: verdict,
    };
    const fields = loadComparisons(result, { maxErrors: 0, splitWithinBounds: true, splitConfidence: 0.999, maxMisroutes: 0, latencyMs: { p99: { atMost: 10 } } }).map((row) => [
      row.field,
      row.expected,
      row.actual,
    ]);
    assert.deepEqual(fields.slice(0, 3), [
      ['requests', 'more than 0', '500'],
      ['errors', 'at most 0', '5 (2 transport errors of which 1 timeouts, 3 non-2xx)'],
      ['latency p99', 'at most 10 ms', '12.5 ms'],
    ]);
    assert.deepEqual(fields.at(-1), ['unattributed 2xx responses', '0', '4']);
    assert.equal(fields.filter(([field]) => field?.startsWith('share of')).length, 3);
  });

  it('lists validity first, then misroutes, bounds and ratios a load run was judged on', () => {
    const result: LoadResult = {
      durationSeconds: 3,
      connections: 10,
      requests: { total: 300, perSecond: 100 },
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      latency: { count: 300, p50Ms: 1, p90Ms: 2, p99Ms: 3, maxMs: 4, meanMs: 1 },
      backends: {},
      unattributed: 0,
      validity: { valid: false, reasons: ['achieved rate 100/s is 50% of the target 200/s'] },
      mix: [{ name: 'a', expectedBackend: 'v1', requests: 300, misrouted: 2, backends: { v1: 298, v2: 2 } }],
      disruption: { description: 'killed', atMs: 1000, failuresAfter: 0, recoveryMs: 0 },
    };
    const fields = loadComparisons(result, { maxErrors: 0, splitWithinBounds: false, splitConfidence: 0.999, maxMisroutes: 0, latencyMs: {}, requestsPerSecond: { atLeast: 150 }, recoveryMs: { atMost: 500 } });
    assert.deepEqual(fields[0], { field: 'valid run', expected: 'yes (the generator kept its rate and was not saturated)', actual: 'no: achieved rate 100/s is 50% of the target 200/s' });
    assert.deepEqual(
      fields.slice(3).map((row) => [row.field, row.expected, row.actual]),
      [
        ['misroutes', 'at most 0', '2'],
        ['requests per second', 'at least 150 /s', '100 /s'],
        ['recovery after the killed pod', 'at most 500 ms', '0 ms'],
      ],
    );
  });
});
