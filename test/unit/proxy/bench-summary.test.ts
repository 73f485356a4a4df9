import assert from 'node:assert/strict';
import { addedLatency, derivedFigures, nginxOf, summaryLines, type TargetRounds, targetFigures } from '../../../reference-impl/proxy/bench/bench-summary.ts';
import { fixedRateVerdict } from '../../../reference-impl/proxy/bench/fixed-rate-load.ts';

const rounds = (requests: number[], cpuMicros: number, rssBytes = 0): TargetRounds => ({
  results: requests.map((n, i) => ({ requests: n, seconds: 2, p50Ms: 1 + i, p99Ms: 10 + i, failures: 0 })),
  cpuMicros,
  rssBytes,
});

describe('proxy bench summary', () => {
  it('compares each target with the nginx of its worker count and derives the routes and scaling figures', () => {
    const all = new Map<string, TargetRounds>([
      ['nginx', rounds([20_000, 20_000], 800_000)],
      ['proxy', rounds([16_000, 16_000], 1_280_000, 100 * 2 ** 20)],
      ['nginx-w2', rounds([36_000, 36_000], 1_440_000)],
      ['proxy-w2', rounds([24_000, 24_000], 2_000_000)],
      ['routes', rounds([15_200, 15_200], 1_276_800, 150 * 2 ** 20)],
    ]);
    assert.equal(nginxOf('proxy-w2'), 'nginx-w2');
    assert.equal(nginxOf('routes'), 'nginx');
    const figures = Object.fromEntries([...all].map(([name, r]) => [name, targetFigures(name, r, all)]));
    assert.deepEqual(figures.proxy, { requestsPerSecond: 8000, rounds: [8000, 8000], p50Ms: 2, p99Ms: 11, cpuMicrosPerRequest: 40, rssBytes: 100 * 2 ** 20, ofNginx: 0.8 });
    assert.equal(figures['proxy-w2']?.ofNginx, 0.67);
    assert.equal(figures.nginx?.ofNginx, undefined);
    const derived = derivedFigures(figures, [1, 2], 10_000);
    assert.equal(derived.proxyOfNginx, 0.8);
    assert.deepEqual(derived.routes, { count: 10_000, requestsPerSecond: 7600, ofOneRoute: 0.95, cost: 0.05, cpuCost: 0.05, rssBytes: 150 * 2 ** 20, oneRouteRssBytes: 100 * 2 ** 20 });
    assert.deepEqual(derived.workers, { counts: [1, 2], proxy: [8000, 12_000], nginx: [10_000, 18_000], proxyScaling: 1.5, nginxScaling: 1.8 });
    const lines = summaryLines({ load: { tool: 'wrk', connections: 50, seconds: 2, rounds: 2, pinned: false, workers: [1, 2], request: { path: '/' } }, targets: figures, ...derived });
    assert.ok(lines.some((line) => line.startsWith('routes: 10000 HTTPRoutes at 0.950 of one route')));
  });

  it('takes the p99 a target adds as its median p99 less the backend straight at the same rate, and nginx as the ratio', () => {
    const run = (p99Ms: number, lag = 0.5) => ({ rate: 1000, answered: 4000, failures: 0, p50Ms: 0.2, p99Ms, scheduleLagP99Ms: lag, achievedRate: 1000, ...fixedRateVerdict(1000, lag, 1000) });
    const added = addedLatency(1000, 4, { direct: [run(0.5), run(0.4), run(9)], nginx: [run(0.7), run(0.6), run(0.8)], proxy: [run(0.9), run(1.2), run(0.8)] });
    assert.deepEqual(added.addedP99Ms, { nginx: 0.2, proxy: 0.4 });
    assert.equal(added.proxyOfNginx, 2);
  });

  it('leaves out the rounds whose generator lagged behind its schedule, and says so', () => {
    const run = (p99Ms: number, lag: number) => ({ rate: 1000, answered: 4000, failures: 0, p50Ms: 0.2, p99Ms, scheduleLagP99Ms: lag, achievedRate: 1000, ...fixedRateVerdict(1000, lag, 1000) });
    // Counted, the lagging rounds would make 40 ms the proxy's median p99.
    const added = addedLatency(1000, 4, { direct: [run(0.5, 1), run(0.5, 1), run(0.5, 1)], proxy: [run(50, 30), run(40, 25), run(0.9, 1)] });
    assert.deepEqual(added.invalidRounds, { direct: 0, proxy: 2 });
    assert.equal(added.p99Ms.proxy, 0.9);
    assert.equal(added.addedP99Ms.proxy, 0.4);
    const lines = summaryLines({ load: { tool: 'wrk', connections: 50, seconds: 2, rounds: 3, pinned: false, workers: [1], request: { path: '/' } }, targets: {}, addedLatency: added });
    assert.ok(lines.some((line) => line.includes('proxy: a round left out: the generator ran 30.0 ms behind its schedule')));
    assert.ok(lines.some((line) => line.includes('proxy p99 0.900 ms') && line.includes('1/3 valid')));
  });

  it('marks a target that could not keep up with the rate as saturated, without dropping its figure', () => {
    const verdict = fixedRateVerdict(10_000, 2, 8000);
    assert.deepEqual(verdict, { invalid: [], saturated: true });
    assert.equal(fixedRateVerdict(10_000, 2, 9900).saturated, false);
    const run = { rate: 10_000, answered: 40_000, failures: 0, p50Ms: 300, p99Ms: 900, scheduleLagP99Ms: 2, achievedRate: 8000, ...verdict };
    const added = addedLatency(10_000, 4, { direct: [{ ...run, p99Ms: 1, achievedRate: 10_000, saturated: false }], proxy: [run] });
    assert.equal(added.addedP99Ms.proxy, 899);
    const lines = summaryLines({ load: { tool: 'wrk', connections: 50, seconds: 2, rounds: 1, pinned: false, workers: [1], request: { path: '/' } }, targets: {}, addedLatency: added });
    assert.ok(lines.some((line) => line.includes('proxy: did not keep up with 10000 req/s in 1 round(s) (sent 8000 req/s)')));
  });
});
