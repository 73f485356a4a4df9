// Pass/fail of a load phase against what the scenario expects: errors (transport errors, timeouts and
// non-2xx all count), the split, and an optional p99 latency budget.
//
//   judgeLoad(result: LoadResult, expect: LoadExpectation): { passed: boolean; problems: string[] }
import type { LoadExpectation } from '../scenario/scenario-types.ts';
import type { LoadResult } from './run-load.ts';

export type { LoadExpectation };

export interface LoadJudgement {
  passed: boolean;
  problems: string[];
}

export function judgeLoad(result: LoadResult, expect: LoadExpectation): LoadJudgement {
  const problems: string[] = [];
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
  if (expect.latencyP99Ms !== undefined && result.latency.p99Ms > expect.latencyP99Ms) {
    problems.push(`latency p99: expected at most ${expect.latencyP99Ms} ms, got ${result.latency.p99Ms} ms`);
  }
  return { passed: problems.length === 0, problems };
}

export function formatLoadResult(result: LoadResult): string {
  const { latency } = result;
  const lines = [
    `${result.requests.total} requests in ${result.durationSeconds.toFixed(1)} s (${result.requests.perSecond.toFixed(0)}/s) over ${result.connections} connections`,
    `errors ${result.errors} (timeouts ${result.timeouts}), non-2xx ${result.non2xx}`,
    `latency ms: p50 ${latency.p50Ms}  p90 ${latency.p90Ms}  p99 ${latency.p99Ms}  max ${latency.maxMs}`,
  ];
  if (result.split) lines.push(result.split.table);
  return lines.join('\n');
}
