import assert from 'node:assert/strict';
import { resolveProbePort } from '../../../src/runtime/probe-check.ts';
import {
  firstProbeDelayMs,
  nextProbeDelayMs,
  ProbeResultTracker,
  probeTimeoutMs,
} from '../../../src/runtime/probe-schedule.ts';

describe('readiness probe schedule', () => {
  it('probes at most every second while not ready, then every periodSeconds', () => {
    assert.equal(nextProbeDelayMs({ periodSeconds: 10 }, false), 1000);
    assert.equal(nextProbeDelayMs({ periodSeconds: 10 }, true), 10_000);
    assert.equal(nextProbeDelayMs({}, true), 10_000, 'periodSeconds defaults to 10');
    assert.equal(nextProbeDelayMs({ periodSeconds: 1 }, false), 1000);
  });

  it('probes first right after start unless initialDelaySeconds says otherwise', () => {
    assert.equal(firstProbeDelayMs({}), 0);
    assert.equal(firstProbeDelayMs({ initialDelaySeconds: 3 }), 3000);
  });

  it('times a probe out after timeoutSeconds (default 1)', () => {
    assert.equal(probeTimeoutMs({}), 1000);
    assert.equal(probeTimeoutMs({ timeoutSeconds: 4 }), 4000);
  });

  it('becomes ready after successThreshold successes and unready after failureThreshold failures', () => {
    const tracker = new ProbeResultTracker({ successThreshold: 2, failureThreshold: 2 });
    assert.deepEqual([false, true, true].map((ok) => tracker.record(ok)), [false, false, true]);
    assert.deepEqual([false, true, false, false].map((ok) => tracker.record(ok)), [true, true, true, false]);
  });

  it('is ready after one success by default and stays ready through two failures', () => {
    const tracker = new ProbeResultTracker({});
    assert.deepEqual([true, false, false, false].map((ok) => tracker.record(ok)), [true, true, true, false]);
  });

  it('starts passing for a liveness probe and fails only after failureThreshold failures', () => {
    const tracker = new ProbeResultTracker({ failureThreshold: 2 }, true);
    assert.equal(tracker.passing, true);
    assert.deepEqual([false, true, false, false].map((ok) => tracker.record(ok)), [true, true, true, false]);
  });

  it('resolves a named probe port through the container ports', () => {
    const ports = [{ name: 'http', containerPort: 3000 }];
    assert.equal(resolveProbePort('http', ports), 3000);
    assert.equal(resolveProbePort(8080, ports), 8080);
    assert.equal(resolveProbePort('9090', ports), 9090);
    assert.equal(resolveProbePort('metrics', ports), undefined);
  });
});
