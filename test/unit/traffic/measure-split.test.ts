import assert from 'node:assert/strict';
import { DEFAULT_SPLIT_SAMPLES, measureSplit } from '../../../harness/traffic/measure-split.ts';
import { seededRandom, startFakeEcho, weightedChooser } from './fake-echo-server.ts';

const expected = { 'infra-backend-v1': 70, 'infra-backend-v2': 30, 'infra-backend-v3': 0 };

describe('measureSplit', function () {
  // 500 real HTTP round trips per case: a third of a second idle, past mocha's 2 s default on a busy machine.
  this.timeout(10_000);
  it('passes a gateway that splits 70/30 over real HTTP requests', async () => {
    const echo = await startFakeEcho(weightedChooser({ 'infra-backend-v1': 70, 'infra-backend-v2': 30 }, seededRandom(7)));
    try {
      const measured = await measureSplit(echo.target, { path: '/' }, expected);
      assert.equal(echo.requests, DEFAULT_SPLIT_SAMPLES);
      assert.equal((measured.counts['infra-backend-v1'] ?? 0) + (measured.counts['infra-backend-v2'] ?? 0), DEFAULT_SPLIT_SAMPLES);
      assert.equal(measured.verdict.passed, true, measured.verdict.problems.join('\n'));
    } finally {
      await echo.close();
    }
  });

  it('fails a gateway that splits 50/50 at the default sample count', async () => {
    const echo = await startFakeEcho(weightedChooser({ 'infra-backend-v1': 50, 'infra-backend-v2': 50 }, seededRandom(11)));
    try {
      const measured = await measureSplit(echo.target, { path: '/' }, expected);
      assert.equal(measured.verdict.passed, false);
      assert.ok(measured.verdict.pValue < 1e-6, String(measured.verdict.pValue));
    } finally {
      await echo.close();
    }
  });

  it('fails when requests fail, counting them by reason', async () => {
    let calls = 0;
    const echo = await startFakeEcho(() => {
      calls += 1;
      return calls % 10 === 0 ? { pod: '', status: 503 } : { pod: 'infra-backend-v1-a-b' };
    });
    try {
      const measured = await measureSplit(echo.target, { path: '/' }, { 'infra-backend-v1': 1 }, 50);
      assert.deepEqual(measured.failures, { 'status 503': 5 });
      assert.equal(measured.verdict.passed, false);
      assert.match(measured.verdict.problems[0] ?? '', /^5 of 50 requests failed: status 503 x5$/);
    } finally {
      await echo.close();
    }
  });

  describe('with what each backend must have received', () => {
    const halves = { 'infra-backend-v1': 1, 'infra-backend-v2': 1 };
    // Every request carries Backend: infra-backend-v1, as if only v1's per-backend filter ever ran.
    const request = { path: '/', headers: { Backend: 'infra-backend-v1' } };

    it('passes when every answer of each backend carries what it must', async () => {
      const echo = await startFakeEcho(weightedChooser(halves, seededRandom(3)));
      try {
        const received = { 'infra-backend-v1': { name: 'infra-backend-v1', headers: { backend: 'infra-backend-v1' } }, 'infra-backend-v2': { name: 'infra-backend-v2', absentHeaders: ['x-never-sent'] } };
        const measured = await measureSplit(echo.target, request, halves, 100, { received });
        assert.equal(measured.verdict.passed, true, measured.verdict.problems.join('\n'));
        assert.deepEqual(measured.failures, {});
      } finally {
        await echo.close();
      }
    });

    it("fails on each answer of a backend that received another backend's header, still counting it for the split", async () => {
      const echo = await startFakeEcho(weightedChooser(halves, seededRandom(3)));
      try {
        const received = { 'infra-backend-v2': { name: 'infra-backend-v2', headers: { backend: 'infra-backend-v2' } } };
        const measured = await measureSplit(echo.target, request, halves, 100, { received });
        const v2 = measured.counts['infra-backend-v2'] ?? 0;
        assert.ok(v2 > 20 && v2 < 80, String(v2));
        assert.equal((measured.counts['infra-backend-v1'] ?? 0) + v2, 100);
        const reason = 'infra-backend-v2 received backend header backend: expected "infra-backend-v2", got "infra-backend-v1"';
        assert.deepEqual(measured.failures, { [reason]: v2 });
        assert.equal(measured.verdict.passed, false);
        assert.equal(measured.verdict.problems[0], `${v2} of 100 requests failed: ${reason} x${v2}`);
      } finally {
        await echo.close();
      }
    });
  });
});
