import assert from 'node:assert/strict';
import { BODY, HEADERS, IDLE, type Phase, PhaseTimer } from '../../../reference-impl/proxy/upstream/http1-client/phase-timer.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('upstream connection phase timer', () => {
  it('expires a phase at its limit, and a body gap only after that long without activity', async () => {
    const expired: [Phase, number][] = [];
    const timer = new PhaseTimer((phase, limitMs) => expired.push([phase, limitMs]));
    timer.enter(HEADERS, 40);
    await sleep(80);
    assert.deepEqual(expired, [[HEADERS, 40]]);
    timer.enter(BODY, 60);
    for (let i = 0; i < 6; i++) {
      await sleep(20);
      timer.touch();
    }
    assert.equal(expired.length, 1, 'activity every 20 ms keeps a 60 ms body gap from expiring');
    await sleep(120);
    assert.deepEqual(expired, [
      [HEADERS, 40],
      [BODY, 60],
    ]);
    timer.stop();
  });

  it('moves an early deadline forward when a phase with a shorter limit follows, and never expires a phase without one', async () => {
    const expired: Phase[] = [];
    const timer = new PhaseTimer((phase) => expired.push(phase));
    timer.enter(IDLE, 10_000);
    timer.enter(HEADERS, 30);
    await sleep(70);
    assert.deepEqual(expired, [HEADERS]);
    timer.enter(BODY, 0);
    await sleep(50);
    assert.deepEqual(expired, [HEADERS]);
    timer.stop();
  });
});
