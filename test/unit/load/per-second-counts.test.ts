import assert from 'node:assert/strict';
import { createPerSecondCounter } from '../../../harness/load/per-second-counts.ts';

describe('createPerSecondCounter', () => {
  it('counts responses, non-2xx and errors in the second they happened, late ones in the last second', () => {
    let now = 1000;
    const counter = createPerSecondCounter(3, () => now);
    counter.response(200);
    counter.response(503);
    now += 1500;
    counter.response(204);
    counter.error();
    now += 2700; // 4.2 s after the start: past the planned 3 s
    counter.response(200);
    assert.deepEqual(counter.seconds(), [
      { second: 0, responses: 2, non2xx: 1, errors: 0 },
      { second: 1, responses: 1, non2xx: 0, errors: 1 },
      { second: 2, responses: 1, non2xx: 0, errors: 0 },
    ]);
  });

  it('has one second for a run shorter than a second, and hands out copies', () => {
    const counter = createPerSecondCounter(0.5, () => 0);
    counter.response(200);
    const seconds = counter.seconds();
    (seconds[0] as { responses: number }).responses = 99;
    assert.deepEqual(counter.seconds(), [{ second: 0, responses: 1, non2xx: 0, errors: 0 }]);
  });
});
