import assert from 'node:assert/strict';
import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import { judgeLoad } from '../../../harness/load/judge-load.ts';
import { LoadRunError, runLoad } from '../../../harness/load/run-load.ts';
import { seededRandom, startFakeEcho, weightedChooser } from '../traffic/fake-echo-server.ts';

const weights = { 'infra-backend-v1': 70, 'infra-backend-v2': 30, 'infra-backend-v3': 0 };

describe('runLoad', function () {
  this.timeout(10_000);

  it('runs autocannon for the duration and attributes every response to its backend', async () => {
    const echo = await startFakeEcho(weightedChooser({ 'infra-backend-v1': 70, 'infra-backend-v2': 30 }, seededRandom(3)));
    try {
      const result = await runLoad({ target: echo.target, request: { path: '/', host: 'load.example.com' }, durationSeconds: 1, connections: 4, expectedWeights: weights });
      assert.ok(result.requests.total > 50, `only ${result.requests.total} requests`);
      assert.equal(result.errors, 0);
      assert.equal(result.non2xx, 0);
      const attributed = Object.values(result.backends).reduce((sum, count) => sum + count, 0);
      // Requests still in flight when the duration ends are answered but not counted by autocannon.
      assert.ok(Math.abs(attributed - result.requests.total) <= 4, `${attributed} attributed of ${result.requests.total}`);
      assert.equal(result.unattributed, 0);
      assert.equal(result.split?.passed, true, result.split?.problems.join('\n'));
      assert.ok(result.latency.count > 0);
      assert.ok(result.latency.p50Ms <= result.latency.p90Ms && result.latency.p90Ms <= result.latency.p99Ms && result.latency.p99Ms <= result.latency.maxMs);
      assert.deepEqual(judgeLoad(result, { maxErrors: 0, splitWithinBounds: true }), { passed: true, problems: [] });
    } finally {
      await echo.close();
    }
  });

  it('counts non-2xx responses and fails the split on a weight-0 backend', async () => {
    let calls = 0;
    const echo = await startFakeEcho(() => {
      calls += 1;
      if (calls % 50 === 0) return { pod: '', status: 502 };
      return calls % 7 === 0 ? { pod: 'infra-backend-v3-a-b', service: 'infra-backend-v3' } : { pod: 'infra-backend-v1-a-b', service: 'infra-backend-v1' };
    });
    try {
      const result = await runLoad({ target: echo.target, request: { path: '/' }, durationSeconds: 1, connections: 2, expectedWeights: weights, rate: 400 });
      assert.ok(result.non2xx > 0);
      // Throughput over time: one entry per second of the run, counting the same non-2xx answers.
      assert.deepEqual(result.timeline?.map((second) => second.second), [0]);
      assert.ok((result.timeline?.[0]?.non2xx ?? 0) >= result.non2xx, JSON.stringify(result.timeline));
      assert.ok((result.timeline?.[0]?.responses ?? 0) >= result.requests.total, JSON.stringify(result.timeline));
      assert.ok((result.backends['infra-backend-v3'] ?? 0) > 0);
      const judged = judgeLoad(result, { maxErrors: 0, splitWithinBounds: true });
      assert.equal(judged.passed, false);
      assert.match(judged.problems[0] ?? '', /^errors: expected at most 0, got \d+ \(0 transport errors of which 0 timeouts, \d+ non-2xx responses\)$/);
      assert.match(judged.problems.join('\n'), /whose weight is 0/);
    } finally {
      await echo.close();
    }
  });

  it('keeps the whole latency histogram and the responses of each second for comparisons', async () => {
    const echo = await startFakeEcho(weightedChooser({ 'infra-backend-v1': 1 }, seededRandom(5)));
    try {
      const result = await runLoad({ target: echo.target, request: { path: '/' }, durationSeconds: 2, connections: 2 });
      const histogram = decodeFromCompressedBase64(result.latencyHistogram ?? '', 32, false);
      assert.equal(histogram.totalCount, result.latency.count);
      // Microseconds: the decoded p99 is the summary's p99 in milliseconds.
      assert.ok(Math.abs(histogram.getValueAtPercentile(99) / 1000 - result.latency.p99Ms) <= 0.01, `${histogram.getValueAtPercentile(99)} vs ${result.latency.p99Ms}`);
      const series = result.timeline?.map((second) => second.responses) ?? [];
      assert.equal(series.length, 2);
      assert.ok(series.every((count) => count > 0), series.join(','));
      assert.ok(series.reduce((sum, count) => sum + count, 0) <= result.latency.count);
    } finally {
      await echo.close();
    }
  });

  it('rejects impossible options with a LoadRunError', async () => {
    await assert.rejects(runLoad({ target: { host: '127.0.0.1', port: 1 }, request: { path: '/' }, durationSeconds: 0, connections: 1 }), LoadRunError);
  });
});
