// Pass/fail of a load run against what the scenario expects. An invalid run (the rate not achieved, the
// generator saturated) fails whatever else it shows: its figures are not the target's. Then errors
// (transport errors, timeouts and non-2xx all count), the split, misroutes of a mix, latency and
// throughput bounds, ratios to the direct baseline, and the recovery from a killed pod.
//
//   judgeLoad(result: LoadResult, expect: LoadExpectation): { passed: boolean; problems: string[] }
import type { LatencyPercentile, LoadExpectation } from '../scenario/scenario-types.ts';
import { boundProblem } from './judge-bounds.ts';
import type { LoadResult } from './load-result.ts';

export type { LoadExpectation };

export interface LoadJudgement {
  passed: boolean;
  problems: string[];
}

const LATENCY_FIELDS: Record<LatencyPercentile, 'p50Ms' | 'p90Ms' | 'p99Ms' | 'p999Ms' | 'maxMs'> = { p50: 'p50Ms', p90: 'p90Ms', p99: 'p99Ms', p999: 'p999Ms', max: 'maxMs' };

function misrouteProblems(result: LoadResult, expect: LoadExpectation): string[] {
  const entries = (result.mix ?? []).filter((entry) => entry.expectedBackend !== undefined);
  if (entries.length === 0) return [];
  const misrouted = entries.reduce((sum, entry) => sum + entry.misrouted, 0);
  if (misrouted <= expect.maxMisroutes) return [];
  const lines = entries
    .filter((entry) => entry.misrouted > 0)
    .map((entry) => `  - ${entry.name}: ${entry.misrouted} of ${entry.requests} not answered by ${entry.expectedBackend} (${Object.entries(entry.backends).map(([name, count]) => `${name} ${count}`).join(', ') || 'no echo answers'})`);
  return [`misroutes: expected at most ${expect.maxMisroutes}, got ${misrouted}\n${lines.join('\n')}`];
}

export function judgeLoad(result: LoadResult, expect: LoadExpectation): LoadJudgement {
  const problems: string[] = [];
  if (result.validity !== undefined && !result.validity.valid) {
    problems.push(`invalid run, never passed: ${result.validity.reasons.join('; ')}`);
  }
  const failed = result.errors + result.non2xx;
  if (failed > expect.maxErrors) {
    problems.push(`errors: expected at most ${expect.maxErrors}, got ${failed} (${result.errors} transport errors of which ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses)`);
  }
  if (result.requests.total === 0) problems.push('requests: expected some, got 0 (is the target reachable?)');
  if (expect.splitWithinBounds) {
    if (!result.split) problems.push('split: expected a split verdict, but the load ran without weights');
    else if (!result.split.passed) problems.push(`split: out of bounds\n${result.split.problems.map((problem) => `  - ${problem}`).join('\n')}\n${result.split.table}`);
    if (result.unattributed > 0) problems.push(`split: ${result.unattributed} 2xx responses had no echo body to attribute`);
  }
  problems.push(...misrouteProblems(result, expect));
  const lagNote = result.validity?.warnings?.length ? ` (${result.validity.warnings.join('; ')})` : '';
  for (const [key, bound] of Object.entries(expect.latencyMs) as [LatencyPercentile, NonNullable<LoadExpectation['latencyMs'][LatencyPercentile]>][]) {
    const problem = boundProblem(`latency ${key}`, result.latency[LATENCY_FIELDS[key]], bound, 'ms');
    if (problem) problems.push(`${problem}${lagNote}`);
  }
  const checks = [
    boundProblem('requests per second', result.requests.perSecond, expect.requestsPerSecond, '/s'),
    boundProblem('bytes per second', result.bytesPerSecond, expect.bytesPerSecond, ' B/s'),
    boundProblem('requests per second / baseline', result.baseline?.ratios.requestsPerSecond, expect.baselineRatio?.requestsPerSecond),
    boundProblem('latency p99 / baseline', result.baseline?.ratios.p99, expect.baselineRatio?.p99),
    boundProblem('recovery after the killed pod', result.disruption?.recoveryMs, expect.recoveryMs, 'ms'),
  ];
  problems.push(...checks.filter((problem): problem is string => problem !== undefined));
  return { passed: problems.length === 0, problems };
}
