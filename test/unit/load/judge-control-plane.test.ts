import assert from 'node:assert/strict';
import type { PropagationResult, RouteScaleResult } from '../../../harness/load/control-plane-result.ts';
import { formatPropagation, formatRouteScale, judgePropagation, judgeRouteScale } from '../../../harness/load/judge-control-plane.ts';

const propagation: PropagationResult = {
  existingRoutes: 1000,
  measuredRoutes: 50,
  delayMs: { count: 50, p50Ms: 20, p90Ms: 40, p99Ms: 80, maxMs: 90, meanMs: 25 },
  errors: 0,
  unexpected: {},
  polls: 900,
};

const scale: RouteScaleResult = {
  routes: 1000,
  settledMs: 4200,
  deletedMs: 3000,
  routeStatusWrites: 1000,
  statusWritesPerRoute: 1,
  gatewayStatusWrites: 2,
  attachedRoutes: { before: 0, settled: 1000, after: 0 },
  usage: { settle: [{ component: 'controller', pods: ['c'], cpuMs: 900, cores: 0.21, peakRssMiB: 200 }], delete: [] },
};

describe('control-plane verdicts', () => {
  it('judges propagation delay percentiles and any answer other than 404 then 200', () => {
    assert.deepEqual(judgePropagation(propagation, { delayMs: { p99: { atMost: 100 } }, maxErrors: 0 }), { passed: true, problems: [] });
    const judged = judgePropagation({ ...propagation, errors: 3, unexpected: { '503': 2, error: 1 } }, { delayMs: { p99: { atMost: 50 } }, maxErrors: 0 });
    assert.equal(judged.passed, false);
    assert.match(judged.problems[0] ?? '', /^errors while propagating: expected at most 0, got 3 \(503 x2, error x1\)/);
    assert.match(judged.problems[1] ?? '', /propagation delay p99: expected at most 50 ms, got 80 ms/);
  });

  it('prints the controller and proxy usage while propagating when it was measured', () => {
    const measured = { ...propagation, usage: [{ component: 'controller', pods: ['c'], cpuMs: 700, cores: 0.35, peakRssMiB: 250 }] };
    assert.match(formatPropagation(measured), /while propagating: controller CPU 700 ms \(0\.35 cores\), peak RSS 250 MiB/);
    assert.match(formatPropagation({ ...propagation, usage: [] }), /while propagating: component CPU and memory not measured/);
    assert.doesNotMatch(formatPropagation(propagation), /^while propagating/m);
  });

  it('judges settling time and status writes per route, and prints the usage', () => {
    assert.equal(judgeRouteScale(scale, { settledMs: { atMost: 5000 }, statusWritesPerRoute: { atMost: 1.5 } }).passed, true);
    const judged = judgeRouteScale({ ...scale, settledMs: 24_000, statusWritesPerRoute: 3 }, { settledMs: { atMost: 5000 }, statusWritesPerRoute: { atMost: 1.5 } });
    assert.deepEqual(judged.problems.length, 2);
    assert.match(formatRouteScale(scale), /1000 routes: attached and settled in 4200 ms with 1000 route status writes \(1 per route\)/);
    assert.match(formatRouteScale(scale), /controller CPU 900 ms \(0\.21 cores\), peak RSS 200 MiB/);
  });
});
