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
