// Reads k6's end-of-test summary, the `data` object handleSummary receives (documented at
// https://grafana.com/docs/k6/latest/results-output/end-of-test/custom-summary/): `metrics` by name, each
// {type, contains, values, thresholds?}; counters' values are {count, rate}, trends' the configured
// summaryTrendStats ("p(99)", "med", ...), rates' {rate, passes, fails}; `state.testRunDurationMs`.
// Only what the results model needs is kept; a summary without the basics is an error that says what is
// missing.
//
//   parseK6Summary(value, where): K6Summary

import { backendMetric, K6_METRICS, STATUS_CLASSES, statusClassMetric } from './k6-metric-names.ts';
import { LATENCY_BUCKET_BOUNDS_MS, latencyBucketMetric } from './latency-buckets.ts';

export interface K6Summary {
  durationMs: number;
  requests: number;
  droppedIterations: number;
  /** Trend statistics of http_req_duration, ms, by k6's names (avg, min, med, max, p(90), p(99), ...). */
  duration: Record<string, number>;
  failed: number;
  transportErrors: number;
  timeouts: number;
  unattributed: number;
  /** "2xx" -> answers. */
  statusClasses: Record<string, number>;
  /** Per bucket of latency-buckets.ts: requests. */
  latencyBuckets: number[];
  /** Per backend index of the script's candidates: answers. */
  backends: number[];
  /** Threshold expression -> whether it held, by metric. */
  thresholds: Record<string, Record<string, boolean>>;
  vusMax: number;
}

export class K6SummaryError extends Error {
  readonly code = 'GAUNTLET_K6_SUMMARY';
  constructor(where: string, detail: string) {
    super(`${where}: not a k6 end-of-test summary (${detail}); it is the JSON handleSummary receives, which the generated script prints between its markers`);
    this.name = 'K6SummaryError';
  }
}

interface Metric {
  type?: unknown;
  values?: Record<string, unknown>;
  thresholds?: Record<string, { ok?: unknown }>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseK6Summary(value: unknown, where: string): K6Summary {
  if (!isRecord(value) || !isRecord(value.metrics)) throw new K6SummaryError(where, 'no metrics object');
  const metrics = value.metrics as Record<string, Metric>;
  const numberOf = (name: string, key: string): number => {
    const found = metrics[name]?.values?.[key];
    return typeof found === 'number' && Number.isFinite(found) ? found : 0;
  };
  const httpReqs = metrics.http_reqs;
  const duration = metrics.http_req_duration;
  if (httpReqs?.type !== 'counter' || typeof httpReqs.values?.count !== 'number') throw new K6SummaryError(where, 'metrics.http_reqs is not a counter with a count');
  if (duration?.type !== 'trend' || !isRecord(duration.values)) throw new K6SummaryError(where, 'metrics.http_req_duration is not a trend with values');
  const state = isRecord(value.state) ? value.state : {};
  const durationMs = typeof state.testRunDurationMs === 'number' ? state.testRunDurationMs : Number.NaN;
  if (!(durationMs > 0)) throw new K6SummaryError(where, 'state.testRunDurationMs is missing');
  const thresholds: Record<string, Record<string, boolean>> = {};
  for (const [name, metric] of Object.entries(metrics)) {
    if (!isRecord(metric.thresholds)) continue;
    thresholds[name] = Object.fromEntries(Object.entries(metric.thresholds).map(([expression, verdict]) => [expression, verdict?.ok === true]));
  }
  const backends: number[] = [];
  for (let index = 0; metrics[backendMetric(index)] !== undefined; index++) backends.push(numberOf(backendMetric(index), 'count'));
  return {
    durationMs,
    requests: numberOf('http_reqs', 'count'),
    droppedIterations: numberOf('dropped_iterations', 'count'),
    duration: Object.fromEntries(Object.entries(duration.values).filter((entry): entry is [string, number] => typeof entry[1] === 'number')),
    failed: numberOf(K6_METRICS.failed, 'count'),
    transportErrors: numberOf(K6_METRICS.transportErrors, 'count'),
    timeouts: numberOf(K6_METRICS.timeouts, 'count'),
    unattributed: numberOf(K6_METRICS.unattributed, 'count'),
    statusClasses: Object.fromEntries(STATUS_CLASSES.map((name) => [name, numberOf(statusClassMetric(name), 'count')]).filter(([, count]) => (count as number) > 0)),
    latencyBuckets: LATENCY_BUCKET_BOUNDS_MS.map((_, index) => numberOf(latencyBucketMetric(index), 'count')),
    backends,
    thresholds,
    vusMax: numberOf('vus_max', 'max') || numberOf('vus_max', 'value'),
  };
}

/** Finds the summary a generated script printed between its markers in a log (a runner pod's, k6's stdout). */
export function summaryFromLog(log: string, where: string, markers: { begin: string; end: string }): unknown {
  const begin = log.lastIndexOf(markers.begin);
  const end = begin === -1 ? -1 : log.indexOf(markers.end, begin);
  if (begin === -1 || end === -1) throw new K6SummaryError(where, `no text between "${markers.begin}" and "${markers.end}"`);
  try {
    return JSON.parse(log.slice(begin + markers.begin.length, end));
  } catch (error) {
    throw new K6SummaryError(where, `the text between the markers is not JSON: ${(error as Error).message}`);
  }
}
