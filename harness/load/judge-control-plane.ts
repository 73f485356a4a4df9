// Pass/fail of control-plane measurements against the scenario's bounds, and their figures for people.
//
//   judgePropagation(result, expect) / judgeRouteScale(result, expect): { passed, problems }
//   formatPropagation(result) / formatRouteScale(result): string
import type { PropagationSpec, RouteScaleSpec } from '../scenario/scenario-types.ts';
import type { ComponentUsage, PropagationResult, RouteScaleResult } from './control-plane-result.ts';
import { boundProblem } from './judge-bounds.ts';
import type { LoadJudgement } from './judge-load.ts';

const verdict = (problems: (string | undefined)[]): LoadJudgement => {
  const found = problems.filter((problem): problem is string => problem !== undefined);
  return { passed: found.length === 0, problems: found };
};

export function judgePropagation(result: PropagationResult, expect: PropagationSpec['expect']): LoadJudgement {
  const unexpected = Object.entries(result.unexpected).map(([status, count]) => `${status} x${count}`).join(', ');
  return verdict([
    result.errors > expect.maxErrors ? `errors while propagating: expected at most ${expect.maxErrors}, got ${result.errors} (${unexpected}): a route must answer 404 until it serves, then 200` : undefined,
    boundProblem('propagation delay p50', result.delayMs.p50Ms, expect.delayMs.p50, 'ms'),
    boundProblem('propagation delay p99', result.delayMs.p99Ms, expect.delayMs.p99, 'ms'),
    boundProblem('propagation delay max', result.delayMs.maxMs, expect.delayMs.max, 'ms'),
  ]);
}

export function judgeRouteScale(result: RouteScaleResult, expect: RouteScaleSpec['expect']): LoadJudgement {
  return verdict([
    boundProblem('settled', result.settledMs, expect.settledMs, 'ms'),
    boundProblem('deleted', result.deletedMs, expect.deletedMs, 'ms'),
    boundProblem('status writes per route', result.statusWritesPerRoute, expect.statusWritesPerRoute),
  ]);
}

export function formatPropagation(result: PropagationResult): string {
  const { delayMs } = result;
  return [
    `${result.measuredRoutes} routes applied one at a time with ${result.existingRoutes} present: delay until 200 p50 ${delayMs.p50Ms} ms, p90 ${delayMs.p90Ms} ms, p99 ${delayMs.p99Ms} ms, max ${delayMs.maxMs} ms (${result.polls} polls)`,
    `errors while propagating: ${result.errors}${result.errors > 0 ? ` (${Object.entries(result.unexpected).map(([status, count]) => `${status} x${count}`).join(', ')})` : ''}`,
    ...(result.usage === undefined ? [] : [usageLine('while propagating', result.usage)]),
  ].join('\n');
}

function usageLine(stage: string, usage: readonly ComponentUsage[]): string {
  if (usage.length === 0) return `${stage}: component CPU and memory not measured (pods are not host processes in this cluster)`;
  return `${stage}: ${usage.map((entry) => `${entry.component} CPU ${entry.cpuMs} ms (${entry.cores} cores), peak RSS ${entry.peakRssMiB} MiB`).join('; ')}`;
}

export function formatRouteScale(result: RouteScaleResult): string {
  return [
    `${result.routes} routes: attached and settled in ${result.settledMs} ms with ${result.routeStatusWrites} route status writes (${result.statusWritesPerRoute} per route) and ${result.gatewayStatusWrites} Gateway status writes; deleted in ${result.deletedMs} ms`,
    `attachedRoutes: ${result.attachedRoutes.before} before, ${result.attachedRoutes.settled} settled, ${result.attachedRoutes.after} after`,
    usageLine('settling', result.usage.settle),
    usageLine('deleting', result.usage.delete),
  ].join('\n');
}
