import assert from 'node:assert/strict';
import { awaitConsistent, awaitExpectation } from '../../../harness/traffic/await-expectation.ts';
import { expectStatus } from '../../../harness/traffic/expectation.ts';
import { ProbeError, type ProbeResponse } from '../../../harness/traffic/send-request.ts';

const target = { host: '127.0.0.1', port: 1 };
const status = (code: number): ProbeResponse => ({ status: code, headers: {}, body: '', elapsedMs: 1 });

/** A fake sender answering from a script: one entry per call, the last repeated. */
function scripted(script: (number | 'refused')[]) {
  let calls = 0;
  const send = async () => {
    const step = script[Math.min(calls, script.length - 1)];
    calls += 1;
    if (step === 'refused') throw new ProbeError('connect ECONNREFUSED');
    return status(step ?? 0);
  };
  return { send, calls: () => calls };
}

describe('awaitExpectation', () => {
  it('waits through failures until the expectation holds three times in a row', async () => {
    const fake = scripted(['refused', 404, 200, 404, 200, 200, 200]);
    const outcome = await awaitExpectation(target, { path: '/' }, expectStatus(200), { send: fake.send, intervalMs: 1 });
    assert.equal(outcome.satisfied, true);
    assert.equal(outcome.attempts, 7);
    assert.deepEqual(outcome.mismatches, []);
  });

  it('says when it converged: the answer of the passing streak\'s first attempt, not of the first lucky one', async () => {
    // Failures wait 30 ms each: the streak that holds starts after the third failure, about 90 ms in.
    const fake = scripted([404, 200, 404, 404, 200, 200, 200]);
    const outcome = await awaitExpectation(target, { path: '/' }, expectStatus(200), { send: fake.send, intervalMs: 30 });
    assert.equal(outcome.satisfied, true);
    assert.ok((outcome.convergedAfterMs ?? 0) >= 85, String(outcome.convergedAfterMs));
    assert.ok((outcome.convergedAfterMs ?? 0) <= outcome.elapsedMs);
    const failing = await awaitExpectation(target, { path: '/' }, expectStatus(200), { send: scripted([503]).send, intervalMs: 5, timeoutMs: 20 });
    assert.equal(failing.convergedAfterMs, undefined);
  });

  it('reports the last mismatches when the deadline passes', async () => {
    const fake = scripted([503]);
    const outcome = await awaitExpectation(target, { path: '/' }, expectStatus(200), { send: fake.send, intervalMs: 5, timeoutMs: 50 });
    assert.equal(outcome.satisfied, false);
    assert.deepEqual(outcome.mismatches.map((item) => item.text), ['status: expected 200, got 503']);
    assert.equal(outcome.lastResponse?.status, 503);
    assert.ok(outcome.elapsedMs >= 50);
  });

  it('turns transport errors into a connection mismatch', async () => {
    const fake = scripted(['refused']);
    const outcome = await awaitExpectation(target, { path: '/' }, expectStatus(200), { send: fake.send, intervalMs: 1, maxAttempts: 3 });
    assert.equal(outcome.satisfied, false);
    assert.equal(outcome.attempts, 3);
    assert.match(outcome.mismatches[0]?.text ?? '', /^connection: expected a response, got connect ECONNREFUSED$/);
  });

  it('stops at maxAttempts even with a long deadline', async () => {
    const fake = scripted([500]);
    const outcome = await awaitExpectation(target, { path: '/' }, expectStatus(200), { send: fake.send, intervalMs: 1, timeoutMs: 60_000, maxAttempts: 5 });
    assert.equal(fake.calls(), 5);
    assert.equal(outcome.satisfied, false);
  });

  it('starts a streak over when its confirmation rejects it, and reports why when time runs out mid-streak', async () => {
    let confirmations = 0;
    const passing = async () => ({ mismatches: [] });
    const confirmed = await awaitConsistent(passing, {
      intervalMs: 1,
      confirmStreak: async (streak) => {
        confirmations += 1;
        assert.equal(streak.length, 3);
        return confirmations === 1 ? [{ field: 'mirror', expected: 'a copy', actual: 'none', text: 'mirror: expected a copy, got none' }] : [];
      },
    });
    assert.deepEqual([confirmed.satisfied, confirmed.attempts, confirmations], [true, 6, 2]);
    const rejected = await awaitConsistent(passing, { intervalMs: 1, maxAttempts: 4, confirmStreak: async () => [{ field: 'mirror', expected: 'a copy', actual: 'none', text: 'mirror: expected a copy, got none' }] });
    assert.equal(rejected.satisfied, false);
    assert.deepEqual(
      rejected.mismatches.map((item) => item.text),
      ['mirror: expected a copy, got none', 'consistency: expected 3 passing tries in a row, got 1'],
    );
  });
});
