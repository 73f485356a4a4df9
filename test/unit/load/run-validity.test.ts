import assert from 'node:assert/strict';
import { judgeValidity } from '../../../harness/load/run-validity.ts';

const base = { model: 'open' as const, durationSeconds: 10, targetRate: 1000, sentInWindow: 10_000, unsent: 0, eventLoopUtilization: [0.3, 0.4], cpuMs: 2000, scheduleLagP99Ms: 1 };

describe('judgeValidity', () => {
  it('passes an open-model run that kept its rate with room to spare', () => {
    assert.deepEqual(judgeValidity(base), { valid: true, reasons: [] });
  });

  it('invalidates a run whose achieved rate fell short of its target, saying by how much and why', () => {
    const verdict = judgeValidity({ ...base, sentInWindow: 9000, unsent: 1000 });
    assert.equal(verdict.valid, false);
    assert.match(verdict.reasons[0] ?? '', /^achieved rate 900\/s is 90% of the target 1000\/s \(at least 95% needed\): requests waited for a free connection.*; 1000 due request\(s\) were never sent$/);
    assert.equal(judgeValidity({ ...base, sentInWindow: 9500 }).valid, true, '95% is enough');
  });

  it('invalidates a run whose generator saturated, closed model too', () => {
    const verdict = judgeValidity({ model: 'closed', durationSeconds: 10, sentInWindow: 1, unsent: 0, eventLoopUtilization: [0.97, 0.5], cpuMs: 15_000 });
    assert.equal(verdict.valid, false);
    assert.match(verdict.reasons[0] ?? '', /^the load generator saturated: a worker's event loop was busy 97% of the window \(CPU 75% per worker\)/);
  });

  it("only warns when the dispatcher lagged while its event loop idled (the machine's doing), and blames the generator when it was saturated", () => {
    const busyMachine = judgeValidity({ ...base, scheduleLagP99Ms: 40 });
    assert.equal(busyMachine.valid, true);
    assert.match(busyMachine.warnings?.[0] ?? '', /p99 40\.0 ms late .* event loop mostly idle/);
    const saturated = judgeValidity({ ...base, scheduleLagP99Ms: 40, eventLoopUtilization: [0.99], sentInWindow: 5000 });
    assert.equal(saturated.valid, false);
    assert.match(saturated.reasons[0] ?? '', /the generator could not keep up/);
    assert.ok(saturated.reasons.some((reason) => /behind its own schedule.*short of CPU/.test(reason)));
  });
});
