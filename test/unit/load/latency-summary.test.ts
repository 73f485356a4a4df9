import assert from 'node:assert/strict';
import { createLatencyRecorder } from '../../../harness/load/latency-summary.ts';

describe('createLatencyRecorder', () => {
  it('reports percentiles in milliseconds with sub-millisecond resolution', () => {
    const recorder = createLatencyRecorder();
    for (let i = 1; i <= 1000; i += 1) recorder.record(i / 100); // 0.01 ms .. 10 ms
    const summary = recorder.summary();
    assert.equal(summary.count, 1000);
    // HDR with 3 significant digits: within 0.1 % of the exact percentile.
    assert.ok(Math.abs(summary.p50Ms - 5) <= 0.01, String(summary.p50Ms));
    assert.ok(Math.abs(summary.p90Ms - 9) <= 0.01, String(summary.p90Ms));
    assert.ok(Math.abs(summary.p99Ms - 9.9) <= 0.01, String(summary.p99Ms));
    assert.ok(Math.abs((summary.p999Ms ?? 0) - 9.99) <= 0.01, String(summary.p999Ms));
    assert.ok(Math.abs(summary.maxMs - 10) <= 0.01, String(summary.maxMs));
    assert.ok(Math.abs(summary.meanMs - 5.005) <= 0.01, String(summary.meanMs));
    assert.equal(summary.minMs, 0.01);
    const curve = summary.percentiles ?? [];
    assert.deepEqual([curve[0]?.percentile, curve.at(-1)?.percentile, curve.at(-1)?.ms], [0, 100, summary.maxMs]);
    assert.ok(curve.every((point, i) => i === 0 || point.ms >= (curve[i - 1]?.ms ?? 0)), 'the curve never falls');
  });

  it('gives the percentile distribution for an HDR curve: ascending, the median at 50, the maximum at 100', () => {
    const recorder = createLatencyRecorder();
    for (let i = 1; i <= 1000; i += 1) recorder.record(i / 100);
    const curve = recorder.summary().percentiles ?? [];
    assert.deepEqual(
      curve.map((point) => point.percentile),
      [0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96.25, 97.5, 98.75, 99, 99.5, 99.75, 99.9, 99.95, 99.99, 99.995, 99.999, 100],
    );
    for (let index = 1; index < curve.length; index += 1) assert.ok((curve[index]?.ms ?? 0) >= (curve[index - 1]?.ms ?? 0), `not ascending at ${index}`);
    assert.ok(Math.abs((curve.find((point) => point.percentile === 50)?.ms ?? 0) - 5) <= 0.01);
    assert.ok(Math.abs((curve.find((point) => point.percentile === 0)?.ms ?? 0) - 0.01) <= 0.001);
    assert.equal(curve.at(-1)?.ms, recorder.summary().maxMs);
  });

  it('gives zeros when nothing was recorded and ignores invalid values', () => {
    const recorder = createLatencyRecorder();
    recorder.record(Number.NaN);
    recorder.record(-1);
    assert.deepEqual(recorder.summary(), { count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0 });
  });
});
