import assert from 'node:assert/strict';
import { renderChartFigure } from '../../../harness/report/charts/chart-figure.ts';
import { propagationChart, runCharts, splitChart } from '../../../harness/report/charts/run-charts.ts';
import { sampleRun } from './sample-run.ts';

describe('chart data of a run', () => {
  it('takes the HDR points and the per-second counts of each load phase, failures summed', () => {
    const run = sampleRun();
    const load = run.scenarios[3]?.load;
    if (load?.timeline?.[1]) Object.assign(load.timeline[1], { non2xx: 4, errors: 1 });
    const [latency, throughput] = runCharts(run);
    assert.equal(latency?.kind, 'latency-curve');
    assert.deepEqual(latency?.kind === 'latency-curve' && latency.series[0]?.points.at(-1), { percentile: 100, ms: 30 });
    assert.deepEqual(throughput?.kind === 'throughput' && throughput.series[0]?.points[1], { second: 1, responses: 3050, failures: 5 });
  });

  it('overlays runs: a split with one series per run against the first run’s weights, propagation by step', () => {
    const split = splitChart('s', [
      { label: 'base', split: { weights: { a: 3, b: 1 }, counts: { a: 75, b: 25 }, pValue: 1, significance: 0.001, passed: true } },
      { label: 'new', split: { weights: { a: 3, b: 1 }, counts: { a: 50, b: 40, stray: 10 }, pValue: 0, significance: 0.001, passed: false } },
    ]);
    assert.deepEqual(split, { kind: 'split', title: 's', backends: ['a', 'b', 'stray'], expected: [0.75, 0.25, null], observed: [{ label: 'base', counts: [75, 25, 0] }, { label: 'new', counts: [50, 40, 10] }] });
    const propagation = propagationChart('p', [
      { label: 'base', delays: new Map([['x: request: a', 120]]) },
      { label: 'new', delays: new Map([['x: request: a', 300], ['y: request: b', 80]]) },
    ]);
    assert.deepEqual(propagation.labels, ['x: request: a', 'y: request: b']);
    assert.deepEqual(propagation.series, [{ label: 'base', ms: [120, null] }, { label: 'new', ms: [300, 80] }]);
  });

  it('renders a figure whose table holds the numbers and whose inline spec cannot close its script element', () => {
    const figure = renderChartFigure({ kind: 'propagation', title: 'a </script><b>', labels: ['</script>'], series: [{ label: 'r', ms: [12.4] }] }, 'chart-7');
    assert.match(figure, /<figcaption>a &lt;\/script&gt;&lt;b&gt;<\/figcaption>/);
    assert.match(figure, /<tr><td>&lt;\/script&gt;<\/td><td>12<\/td><\/tr>/);
    assert.equal((figure.match(/<\/script>/g) ?? []).length, 1, 'only the element’s own end tag');
    const spec = /<script type="application\/json" id="chart-7-spec">(.*)<\/script>/.exec(figure)?.[1] ?? '';
    assert.equal(JSON.parse(spec).labels[0], '</script>');
  });
});
