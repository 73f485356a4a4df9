import assert from 'node:assert/strict';
import { DebouncedTrigger } from '../../../reference-impl/controller/provider/debounced-trigger.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('debounced trigger', () => {
  it('runs once for a burst of triggers', async () => {
    let runs = 0;
    const trigger = new DebouncedTrigger(
      async () => {
        runs += 1;
      }, { quietMs: 20, maxDelayMs: 200, onError: () => {} });
    for (let i = 0; i < 5; i += 1) trigger.trigger();
    await sleep(60);
    trigger.stop();
    assert.equal(runs, 1);
  });

  it('runs within the maximum delay under a constant stream of triggers', async () => {
    let runs = 0;
    const trigger = new DebouncedTrigger(
      async () => {
        runs += 1;
      }, { quietMs: 30, maxDelayMs: 60, onError: () => {} });
    const started = Date.now();
    // Triggers every 10 ms never leave the 30 ms quiet period: only the maximum delay lets it run.
    while (runs === 0 && Date.now() - started < 1000) {
      trigger.trigger();
      await sleep(10);
    }
    trigger.stop();
    assert.equal(runs, 1);
  });

  it('runs a trigger that follows a quiet spell after firstQuietMs, and one within a burst after quietMs', async () => {
    const runAt: number[] = [];
    const trigger = new DebouncedTrigger(
      async () => {
        runAt.push(Date.now());
      },
      { quietMs: 150, firstQuietMs: 1, maxDelayMs: 1000, onError: () => {} },
    );
    const alone = Date.now();
    trigger.trigger();
    await sleep(60);
    assert.equal(runAt.length, 1, 'a lone trigger runs long before the 150 ms quiet period');
    assert.ok((runAt[0] ?? 0) - alone < 60);
    // 60 ms after the last trigger, inside its quiet period: a burst, so it waits the whole quiet period.
    const inBurst = Date.now();
    trigger.trigger();
    await sleep(60);
    assert.equal(runAt.length, 1, 'a trigger within the quiet period of the last one waits for quietMs');
    for (let waited = 0; runAt.length < 2 && waited < 1000; waited += 10) await sleep(10);
    trigger.stop();
    assert.equal(runAt.length, 2);
    assert.ok((runAt[1] ?? 0) - inBurst >= 140, `ran ${(runAt[1] ?? 0) - inBurst} ms after the burst's trigger`);
  });

  it('runs what came during a run once its quiet period is over, without a new quiet period', async () => {
    const runAt: number[] = [];
    let trigger: DebouncedTrigger | undefined;
    const triggeredAt: number[] = [];
    trigger = new DebouncedTrigger(
      async () => {
        runAt.push(Date.now());
        if (runAt.length === 1) {
          await sleep(200);
          triggeredAt.push(Date.now());
          trigger?.trigger(); // a change while running, 200 ms after the previous trigger: alone
          await sleep(100);
        }
      },
      { quietMs: 150, firstQuietMs: 1, maxDelayMs: 1000, onError: () => {} },
    );
    trigger.trigger();
    for (let waited = 0; runAt.length < 2 && waited < 1000; waited += 10) await sleep(10);
    trigger.stop();
    assert.equal(runAt.length, 2);
    // It waited 100 ms for the run to end; a fresh quiet period after the run would make that 250 ms.
    assert.ok((runAt[1] ?? 0) - (triggeredAt[0] ?? 0) < 150, `second run ${(runAt[1] ?? 0) - (triggeredAt[0] ?? 0)} ms after its trigger`);
  });

  it('never overlaps runs and runs again when triggered during a run', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const trigger = new DebouncedTrigger(
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        runs += 1;
        await sleep(30);
        active -= 1;
      },
      { quietMs: 5, maxDelayMs: 50, onError: () => {} },
    );
    trigger.trigger();
    await sleep(15);
    trigger.trigger();
    await sleep(150);
    trigger.stop();
    assert.equal(maxActive, 1);
    assert.equal(runs, 2);
  });

  it('rests after a run in proportion to how long it took, before the next starts', async () => {
    const starts: number[] = [];
    const ends: number[] = [];
    const trigger = new DebouncedTrigger(
      async () => {
        starts.push(performance.now());
        await sleep(60);
        ends.push(performance.now());
      },
      { quietMs: 5, firstQuietMs: 1, maxDelayMs: 50, restRatio: 1, onError: () => {} },
    );
    trigger.trigger();
    await sleep(20);
    trigger.trigger();
    for (let waited = 0; waited < 100 && starts.length < 2; waited += 1) await sleep(5);
    trigger.stop();
    assert.equal(starts.length, 2);
    const rest = (starts[1] ?? 0) - (ends[0] ?? 0);
    // The first run took ~60 ms: the second, asked for during it, waits about as long after it ended.
    assert.ok(rest >= 50, `the second run started ${rest.toFixed(1)} ms after the first ended`);
  });

  it('hands a failing run to onError and keeps working', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const trigger = new DebouncedTrigger(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      },
      { quietMs: 5, maxDelayMs: 50, onError: (error) => errors.push(error) },
    );
    trigger.trigger();
    await sleep(20);
    trigger.trigger();
    await sleep(20);
    trigger.stop();
    assert.equal(errors.length, 1);
    assert.equal(calls, 2);
  });

  it('runs again after the delay a run asks for from inside itself (the controller retrying failed writes)', async () => {
    let runs = 0;
    const trigger: DebouncedTrigger = new DebouncedTrigger(
      async () => {
        runs += 1;
        if (runs === 1) trigger.triggerAfter(20);
      },
      { quietMs: 5, maxDelayMs: 50, onError: () => {} },
    );
    trigger.trigger();
    await sleep(15);
    assert.equal(runs, 1, 'not before the delay');
    await sleep(60);
    trigger.stop();
    assert.equal(runs, 2);
  });
});
