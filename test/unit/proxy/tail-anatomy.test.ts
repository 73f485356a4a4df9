import assert from 'node:assert/strict';
import type { GcEvent } from '../../../reference-impl/proxy/bench/gc-observer.ts';
import { type RequestSamples, tailAnatomy } from '../../../reference-impl/proxy/bench/tail-anatomy.ts';

/** 1,000 requests, one a millisecond from t = 1000 ms, 0.5 ms each, except those sent in [from, to) which take `slowMs`. */
function samples(from: number, to: number, slowMs: number): RequestSamples {
  const sentEpochMs = new Float64Array(1000);
  const latencyMs = new Float64Array(1000);
  for (let i = 0; i < 1000; i++) {
    sentEpochMs[i] = 1000 + i;
    latencyMs[i] = 1000 + i >= from && 1000 + i < to ? slowMs : 0.5;
  }
  return { sentEpochMs, latencyMs, count: 1000 };
}

const pause = (startEpochMs: number, pauseMs: number, kind: GcEvent['kind'] = 'minor'): GcEvent => ({ kind, startEpochMs, pauseMs });

describe('tail anatomy (proxy bench)', () => {
  it('finds the requests at or over the p99 in one burst and blames the process whose GC pause they overlapped', () => {
    // 20 slow requests sent from 1500 to 1519 ms; the proxy paused 5 ms at 1515, the backend at 1800 and 1900 (nothing slow then).
    const anatomy = tailAnatomy(samples(1500, 1520, 6), { proxy: [pause(1515, 5)], backend: [pause(1800, 3), pause(1900, 1, 'major')] });
    assert.equal(anatomy.p50Ms, 0.5);
    assert.equal(anatomy.p99Ms, 6);
    assert.equal(anatomy.slow, 20);
    assert.equal(anatomy.slowWindows, 2);
    assert.equal(anatomy.windowsTotal, 100);
    assert.equal(anatomy.worst[0]?.atMs, 500);
    assert.deepEqual(anatomy.worst[0]?.pauses, []);
    assert.deepEqual(anatomy.worst[1]?.pauses, ['proxy minor 5.0']);
    // In flight for 6 ms: those sent from 1510 on overlap the pause from 1515 to 1520, 10 of the 20.
    assert.equal(anatomy.gc.proxy?.slowDuringPause, 0.5);
    assert.equal(anatomy.gc.backend?.slowDuringPause, 0);
    assert.deepEqual(anatomy.gc.backend?.count, { minor: 1, major: 1, incremental: 0, weak: 0 });
    assert.equal(anatomy.gc.backend?.totalPauseMs, 4);
    assert.equal(anatomy.gc.backend?.maxPauseMs, 3);
  });

  it('shows a stall as a run of high values in the per-quarter-second maxima', () => {
    const anatomy = tailAnatomy(samples(1500, 1515, 40), {});
    assert.deepEqual(anatomy.maxByQuarterSecond, [0.5, 0.5, 40, 0.5]);
    assert.equal(anatomy.worstTenthShare, 10 / 15);
  });
});
