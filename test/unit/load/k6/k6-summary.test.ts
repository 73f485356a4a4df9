import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { judgeLoad } from '../../../../harness/load/judge-load.ts';
import { summaryOfRunnerLogs } from '../../../../harness/load/k6/k6-operator.ts';
import { k6Result } from '../../../../harness/load/k6/k6-result.ts';
import { K6SummaryError, parseK6Summary } from '../../../../harness/load/k6/k6-summary.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../fixtures/k6/${name}`, import.meta.url)), 'utf8');
const context = { model: 'open' as const, target: { host: '127.0.0.1', port: 8080 }, connections: 32, rate: 500, candidates: ['infra-backend-v1'], runners: 1 };
const expect = { maxErrors: 0, splitWithinBounds: false, splitConfidence: 0.999, maxMisroutes: 0, latencyMs: { p99: { atMost: 250 } } };

describe('k6 summaries into the results model', () => {
  it("reads a k6 summary of scenario 1 (fixture from k6's documented format) into the same results model", () => {
    const summary = parseK6Summary(JSON.parse(fixture('summary-throughput-latency.json')), 'summary-throughput-latency.json');
    assert.equal(summary.requests, 2500);
    assert.deepEqual(summary.statusClasses, { '2xx': 2497, '5xx': 3 });
    assert.deepEqual(summary.thresholds, { gauntlet_failed: { 'count<=0': false }, http_req_duration: { 'p(99)<=250': true } });
    const result = k6Result(summary, context);
    assert.equal(result.engine, 'k6');
    assert.equal(result.requests.total, 2500);
    assert.ok(Math.abs(result.requests.perSecond - 2500 / 5.0032) < 1e-9);
    assert.equal(result.non2xx, 3);
    assert.equal(result.errors, 0);
    // One runner: k6's own (exact) trend statistics.
    assert.deepEqual([result.latency.p50Ms, result.latency.p90Ms, result.latency.p99Ms, result.latency.maxMs], [0.7311, 1.3355, 3.4107, 12.9802]);
    assert.deepEqual(result.backends, { 'infra-backend-v1': 2497 });
    assert.equal(result.validity?.valid, true, result.validity?.reasons.join('; '));
    assert.ok(result.latencyHistogram, 'the buckets travel as a histogram too, for merging');
    assert.deepEqual(judgeLoad(result, expect).problems, ['errors: expected at most 0, got 3 (0 transport errors of which 0 timeouts, 3 non-2xx responses)']);
  });

  it("merges k6-operator runners' summaries by summing counts and buckets, never averaging percentiles", () => {
    const summary = summaryOfRunnerLogs([
      { pod: 'runner-1', text: fixture('runner-1-log.txt') },
      { pod: 'runner-2', text: fixture('runner-2-log.txt') },
    ]);
    assert.equal(summary.requests, 6000);
    assert.equal(summary.droppedIterations, 7);
    assert.equal(summary.transportErrors, 2);
    assert.equal(summary.vusMax, 32);
    assert.deepEqual(summary.thresholds.http_req_duration, { 'p(99)<=50': false }, 'a threshold holds only if it held on every runner');
    const result = k6Result(summary, { ...context, rate: 600, connections: 32, runners: 2 });
    // Runner p99s are ~2.5 ms and ~88.6 ms (averaging: ~45 ms); the 5940th of 6000 merged samples is ~2.5 ms.
    assert.ok(result.latency.p99Ms > 2.4 && result.latency.p99Ms < 2.8, `merged p99 ${result.latency.p99Ms}`);
    assert.equal(result.latency.maxMs, 10000.2, 'max is the larger runner max');
    assert.ok(Math.abs(result.latency.meanMs - (1.0212 * 3000 + 2.9377 * 3000) / 6000) < 1e-9, 'mean weighted by requests');
    assert.equal(result.validity?.valid, false);
    assert.match(result.validity?.reasons.join('\n') ?? '', /dropped 7 iteration/);
  });

  it('refuses what is not a k6 summary, saying what is missing', () => {
    assert.throws(() => parseK6Summary({ metrics: {} }, 'x.json'), K6SummaryError);
    assert.throws(() => parseK6Summary({ metrics: { http_reqs: { type: 'counter', values: { count: 1 } }, http_req_duration: { type: 'trend', values: {} } } }, 'x.json'), /testRunDurationMs/);
    assert.throws(() => summaryOfRunnerLogs([{ pod: 'runner-3', text: 'k6 crashed' }]), /runner pod runner-3: .*no text between/);
  });
});
