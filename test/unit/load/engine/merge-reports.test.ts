import assert from 'node:assert/strict';
import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { createMicrosHistogram } from '../../../../harness/load/engine/load-recorder.ts';
import { mergeWorkerReports } from '../../../../harness/load/engine/merge-reports.ts';
import type { WorkerReport } from '../../../../harness/load/engine/worker-plan.ts';

function report(latenciesMicros: number[], overrides: Partial<WorkerReport> = {}): WorkerReport {
  const histogram = createMicrosHistogram();
  for (const value of latenciesMicros) histogram.recordValue(value);
  return {
    histogram: encodeIntoCompressedBase64(histogram),
    statuses: { '200': latenciesMicros.length },
    failures: { connect: 0, reset: 0, timeout: 0, protocol: 0 },
    timeline: { responses: [latenciesMicros.length], non2xx: [0], errors: [0] },
    variants: [{ requests: latenciesMicros.length, misrouted: 0, unattributed: 0, backends: { a: latenciesMicros.length } }],
    sent: latenciesMicros.length,
    sentInWindow: latenciesMicros.length,
    unsent: 0,
    firstFailureMs: -1,
    lastFailureMs: -1,
    eventLoopUtilization: 0.5,
    cpuMs: 100,
    wallMs: 1000,
    ...overrides,
  };
}

describe('mergeWorkerReports', () => {
  it('merges histograms exactly: percentiles of the merge equal those of all samples recorded together', () => {
    // A fast worker and a slow one: averaging their p99s would give ~5 ms; the true p99 is the slow tail.
    const fast = Array.from({ length: 900 }, (_, i) => 100 + i);
    const slow = Array.from({ length: 100 }, (_, i) => 10_000 + i * 10);
    const merged = mergeWorkerReports([report(fast), report(slow)], { startedAtEpochMs: 0, durationSeconds: 1});
    const together = createMicrosHistogram();
    for (const value of [...fast, ...slow]) together.recordValue(value);
    assert.equal(merged.latency.totalCount, 1000);
    for (const percentile of [50, 90, 99, 99.9, 100]) assert.equal(merged.latency.getValueAtPercentile(percentile), together.getValueAtPercentile(percentile), `p${percentile}`);
  });

  it('sums counts, timelines slot by slot, variants and failure windows', () => {
    const a = report([100, 200], { timeline: { responses: [1, 1], non2xx: [0, 1], errors: [0, 0] }, failures: { connect: 1, reset: 0, timeout: 2, protocol: 0 }, firstFailureMs: 500, lastFailureMs: 900 });
    const b = report([300], { statuses: { '200': 1, '503': 2 }, timeline: { responses: [3], non2xx: [2], errors: [1] }, firstFailureMs: 100, lastFailureMs: 400 });
    const merged = mergeWorkerReports([a, b], { startedAtEpochMs: 0, durationSeconds: 2});
    assert.deepEqual(merged.statuses, { '200': 3, '503': 2 });
    assert.deepEqual(merged.failures, { connect: 1, reset: 0, timeout: 2, protocol: 0 });
    assert.deepEqual(merged.timeline, { responses: [4, 1], non2xx: [2, 1], errors: [1, 0] });
    assert.deepEqual(merged.variants, [{ requests: 3, misrouted: 0, unattributed: 0, backends: { a: 3 } }]);
    assert.deepEqual([merged.firstFailureMs, merged.lastFailureMs], [100, 900]);
    assert.equal(merged.workers.length, 2);
  });
});

describe('per-second timeline', () => {
  it('has one entry per second of the window, late answers folded into the last, and whole seconds in the series', async () => {
    const { timelineOf, requestsPerSecondSeries } = await import('../../../../harness/load/per-second-timeline.ts');
    const slots = { responses: [10, 12, 3], non2xx: [0, 1, 1], errors: [2] };
    assert.deepEqual(timelineOf(slots, 2), [
      { second: 0, responses: 10, non2xx: 0, errors: 2 },
      { second: 1, responses: 15, non2xx: 2, errors: 0 },
    ]);
    assert.deepEqual(requestsPerSecondSeries(slots, 2.5), [10, 12]);
  });
});
