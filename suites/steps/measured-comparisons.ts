// Expected versus got for steps that judge a measurement rather than one response: a weighted split (share per
// backend) and a load run (validity, errors, requests, misroutes, latency and other bounds, split). Every judged quantity is listed, holding or not, so
// a report's side-by-side table shows the whole picture; the verdict itself stays with split-verdict and
// judge-load.
//
//   splitObservation(verdict): SplitObservation
//   splitComparisons(verdict, failures?): Comparison[]
//   loadComparisons(result, expect): Comparison[]
import { describeBound } from '../../harness/load/judge-bounds.ts';
import type { LoadResult } from '../../harness/load/load-result.ts';
import type { Comparison, SplitObservation } from '../../harness/report/run-result.ts';
import type { LoadExpectation } from '../../harness/scenario/scenario-types.ts';
import type { SplitVerdict } from '../../harness/traffic/split-verdict.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function splitObservation(verdict: SplitVerdict): SplitObservation {
  const weights: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const row of verdict.rows) {
    if (row.weight !== undefined) weights[row.backend] = row.weight;
    counts[row.backend] = row.observed;
  }
  return { weights, counts, pValue: verdict.pValue, significance: verdict.significance, passed: verdict.passed };
}

export function splitComparisons(verdict: SplitVerdict, failures: Record<string, number> = {}): Comparison[] {
  const shares = verdict.rows.map((row) => ({
    field: `share of ${row.backend}`,
    expected: row.weight === undefined ? 'none (not a backend of the route)' : `${percent(row.expectedShare)} (${row.expectedCount.toFixed(1)})`,
    actual: `${verdict.total === 0 ? '-' : percent(row.observed / verdict.total)} (${row.observed})`,
  }));
  const test = { field: 'chi-square test', expected: `p >= ${verdict.significance}`, actual: `p = ${verdict.pValue.toPrecision(3)}` };
  const failed = Object.entries(failures).map(([reason, count]) => ({ field: 'failed samples', expected: '0', actual: `${count} (${reason})` }));
  return [...shares, test, ...failed];
}

export function loadComparisons(result: LoadResult, expect: LoadExpectation): Comparison[] {
  const comparisons: Comparison[] = [
    { field: 'requests', expected: 'more than 0', actual: String(result.requests.total) },
    {
      field: 'errors',
      expected: `at most ${expect.maxErrors}`,
      actual: `${result.errors + result.non2xx} (${result.errors} transport errors of which ${result.timeouts} timeouts, ${result.non2xx} non-2xx)`,
    },
  ];
  if (result.validity !== undefined) {
    comparisons.unshift({ field: 'valid run', expected: 'yes (the generator kept its rate and was not saturated)', actual: result.validity.valid ? 'yes' : `no: ${result.validity.reasons.join('; ')}` });
  }
  const misrouted = (result.mix ?? []).reduce((sum, entry) => sum + entry.misrouted, 0);
  if (result.mix?.some((entry) => entry.expectedBackend !== undefined)) comparisons.push({ field: 'misroutes', expected: `at most ${expect.maxMisroutes}`, actual: String(misrouted) });
  const latency: Record<string, number | undefined> = { p50: result.latency.p50Ms, p90: result.latency.p90Ms, p99: result.latency.p99Ms, p999: result.latency.p999Ms, max: result.latency.maxMs };
  for (const [key, bound] of Object.entries(expect.latencyMs)) {
    if (bound !== undefined) comparisons.push({ field: `latency ${key}`, expected: describeBound(bound, 'ms'), actual: `${latency[key] ?? '-'} ms` });
  }
  const bounded: [string, number | undefined, typeof expect.requestsPerSecond, string][] = [
    ['requests per second', result.requests.perSecond, expect.requestsPerSecond, '/s'],
    ['requests per second / baseline', result.baseline?.ratios.requestsPerSecond, expect.baselineRatio?.requestsPerSecond, ''],
    ['latency p99 / baseline', result.baseline?.ratios.p99, expect.baselineRatio?.p99, ''],
    ['recovery after the killed pod', result.disruption?.recoveryMs, expect.recoveryMs, 'ms'],
  ];
  for (const [field, value, bound, unit] of bounded) {
    if (bound !== undefined) comparisons.push({ field, expected: describeBound(bound, unit), actual: value === undefined ? 'not measured' : `${Number(value.toFixed(3))}${unit === '' ? '' : ` ${unit}`}` });
  }
  if (expect.splitWithinBounds && result.split) comparisons.push(...splitComparisons(result.split));
  if (expect.splitWithinBounds && result.unattributed > 0) comparisons.push({ field: 'unattributed 2xx responses', expected: '0', actual: String(result.unattributed) });
  return comparisons;
}
