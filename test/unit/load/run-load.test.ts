import assert from 'node:assert/strict';
import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import { judgeLoad, type LoadExpectation } from '../../../harness/load/judge-load.ts';
import { type LoadProgress, LoadRunError, runLoad } from '../../../harness/load/run-load.ts';
import { seededRandom, startFakeEcho, weightedChooser } from '../traffic/fake-echo-server.ts';

const weights = { 'infra-backend-v1': 70, 'infra-backend-v2': 30, 'infra-backend-v3': 0 };
const expect = (overrides: Partial<LoadExpectation> = {}): LoadExpectation => ({ maxErrors: 0, splitWithinBounds: false, splitConfidence: 0.999, maxMisroutes: 0, latencyMs: {}, ...overrides });
const sum = (values: Record<string, number>) => Object.values(values).reduce((total, count) => total + count, 0);

describe('runLoad', function () {
  this.timeout(20_000);

  it('gauntlet engine, closed model: attributes every answer to its backend, all counts agree', async () => {
    const echo = await startFakeEcho(weightedChooser({ 'infra-backend-v1': 70, 'infra-backend-v2': 30 }, seededRandom(3)));
    try {
      const target = { ...echo.target, pod: 'an endpoint may say more than where it is' };
      const result = await runLoad({ target, entries: [{ name: 'root', request: { path: '/', host: 'load.example.com' } }], durationSeconds: 1, connections: 4, workers: 2, expectedWeights: weights });
      assert.deepEqual(result.target, echo.target, 'the result keeps host and port only (results.schema.json)');
      assert.equal(result.engine, 'gauntlet');
      assert.equal(result.model, 'closed');
      assert.ok(result.requests.total > 200, `only ${result.requests.total} requests`);
      assert.equal(result.errors, 0);
      assert.equal(result.non2xx, 0);
      assert.equal(sum(result.backends), result.requests.total, 'every answer in the window is attributed');
      assert.equal(result.latency.count, result.requests.total);
      assert.equal(result.statuses?.['200'], result.requests.total);
      assert.deepEqual(
        result.timeline?.map((entry) => entry.second),
        [0],
        'one entry per second of the window',
      );
      assert.equal(result.timeline?.[0]?.responses, result.requests.total);
      assert.equal(result.requestsPerSecondSeries?.[0], result.timeline?.[0]?.responses);
      assert.equal(result.generator?.workers, 2);
      assert.ok(typeof result.latencyHistogram === 'string' && result.latencyHistogram.length > 0);
      assert.equal(result.split?.passed, true, result.split?.problems.join('\n'));
      assert.deepEqual(judgeLoad(result, expect({ splitWithinBounds: true })), { passed: true, problems: [] });
    } finally {
      await echo.close();
    }
  });

  it('gauntlet engine, open model: sends the target rate across workers and counts misroutes of a mix', async () => {
    const echo = await startFakeEcho((request) =>
      request.headers.version === 'two' ? { pod: 'infra-backend-v2-a-b', service: 'infra-backend-v2' } : { pod: 'infra-backend-v1-a-b', service: 'infra-backend-v1' },
    );
    try {
      const result = await runLoad({
        target: echo.target,
        entries: [
          { name: 'one', request: { path: '/', headers: { version: 'one' } }, expectedBackend: 'infra-backend-v1' },
          { name: 'two', request: { path: '/', headers: { version: 'two' } }, expectedBackend: 'infra-backend-v1' },
        ],
        durationSeconds: 1,
        connections: 8,
        rate: 400,
        workers: 2,
      });
      assert.equal(result.model, 'open');
      assert.equal(result.targetRate, 400);
      // 400 due in the window, each sent when due (a busy machine may push the last few past the end).
      assert.ok((result.requests.sentInWindow ?? 0) <= 400 && (result.requests.sentInWindow ?? 0) >= 390, `sent ${result.requests.sentInWindow} in the window`);
      assert.equal(result.requests.sent, 400);
      assert.ok(result.generator?.scheduleLagP99Ms !== undefined, 'the open model records its schedule lag');
      const [one, two] = result.mix ?? [];
      assert.equal(one?.misrouted, 0);
      assert.equal(two?.misrouted, two?.requests, 'every "two" answer came from v2, not the expected v1');
      assert.ok((two?.requests ?? 0) >= 195);
      const judged = judgeLoad(result, expect());
      // (On a busy machine the run may also be judged invalid; the misroute line is there either way.)
      assert.match(judged.problems.find((problem) => problem.startsWith('misroutes')) ?? '', /^misroutes: expected at most 0, got \d+\n {2}- two:/);
    } finally {
      await echo.close();
    }
  });

  it('marks an open-model run whose rate is out of reach invalid, never passed', async () => {
    // One connection to a server that answers after 20 ms can carry at most ~50 requests/s, not 500.
    const echo = await startFakeEcho(() => ({ pod: 'infra-backend-v1-a-b', service: 'infra-backend-v1' }), { delayMs: 20 });
    try {
      const result = await runLoad({ target: echo.target, entries: [{ name: 'root', request: { path: '/' } }], durationSeconds: 1, connections: 1, rate: 500, workers: 1, timeoutSeconds: 2 });
      assert.equal(result.validity?.valid, false);
      assert.match(result.validity?.reasons[0] ?? '', /^achieved rate \d+\/s is \d+% of the target 500\/s/);
      const judged = judgeLoad(result, expect({ maxErrors: 1_000_000 }));
      assert.equal(judged.passed, false);
      assert.match(judged.problems[0] ?? '', /^invalid run, never passed/);
    } finally {
      await echo.close();
    }
  });

  it('runs autocannon as --engine autocannon into the same results model', async () => {
    const echo = await startFakeEcho(weightedChooser({ 'infra-backend-v1': 70, 'infra-backend-v2': 30 }, seededRandom(3)));
    try {
      const result = await runLoad({ engine: 'autocannon', target: echo.target, entries: [{ name: 'root', request: { path: '/', host: 'load.example.com' } }], durationSeconds: 1, connections: 4, expectedWeights: weights });
      assert.equal(result.engine, 'autocannon');
      assert.ok(result.requests.total > 50, `only ${result.requests.total} requests`);
      assert.equal(result.errors + result.non2xx, 0);
      assert.ok(result.latency.count > 0);
      assert.equal(result.split?.passed, true, result.split?.problems.join('\n'));
    } finally {
      await echo.close();
    }
  });

  it('keeps the whole latency histogram and the responses of each second for comparisons', async () => {
    const echo = await startFakeEcho(weightedChooser({ 'infra-backend-v1': 1 }, seededRandom(5)));
    try {
      const result = await runLoad({ target: echo.target, entries: [{ name: 'root', request: { path: '/' } }], durationSeconds: 2, connections: 2 });
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

  for (const engine of ['gauntlet', 'autocannon'] as const) {
    it(`${engine} engine: reports live figures, and an aborted signal ends a 20 s load at once with what ran`, async () => {
      const echo = await startFakeEcho(weightedChooser({ 'infra-backend-v1': 1 }, seededRandom(9)));
      const interruption = new AbortController();
      const seen: LoadProgress[] = [];
      try {
        const startedAt = performance.now();
        const running = runLoad({
          engine,
          target: echo.target,
          entries: [{ name: 'root', request: { path: '/' } }],
          durationSeconds: 20,
          connections: 2,
          workers: 1,
          signal: interruption.signal,
          onProgress: (progress) => {
            seen.push(progress);
            if (seen.length === 2) interruption.abort('SIGINT');
          },
        });
        const result = await running;
        const tookSeconds = (performance.now() - startedAt) / 1000;
        assert.ok(tookSeconds < 6, `the load went on for ${tookSeconds.toFixed(1)} s after the abort`);
        assert.ok(result.requests.total > 0);
        assert.ok(result.durationSeconds < 6, `duration ${result.durationSeconds} s: the window that ran, not the one planned`);
        const [first] = seen;
        assert.ok(first !== undefined && first.lastSecondRate > 0 && first.p99Ms > 0 && first.durationSeconds === 20, JSON.stringify(first));
        assert.equal(first.errors, 0);
      } finally {
        await echo.close();
      }
    });
  }

  it('rejects impossible options with a LoadRunError', async () => {
    await assert.rejects(runLoad({ target: { host: '127.0.0.1', port: 1 }, entries: [{ name: 'x', request: { path: '/' } }], durationSeconds: 0, connections: 1 }), LoadRunError);
    await assert.rejects(runLoad({ target: { host: '127.0.0.1', port: 1 }, entries: [], durationSeconds: 1, connections: 1 }), LoadRunError);
    await assert.rejects(runLoad({ engine: 'autocannon', model: 'open', rate: 10, target: { host: '127.0.0.1', port: 1 }, entries: [{ name: 'x', request: { path: '/' } }], durationSeconds: 1, connections: 1 }), /autocannon has no open model/);
  });
});
