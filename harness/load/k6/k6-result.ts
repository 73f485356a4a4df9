// k6 summaries -> the results model. Several runners' summaries (a k6-operator TestRun) are merged first,
// correctly: counters summed, latency buckets summed into one histogram whose percentiles are then read,
// min and max taken, the mean weighted by request counts; percentiles of runners are never averaged. One
// runner's latency percentiles are k6's own (exact).
//
//   mergeK6Summaries(summaries): K6Summary      k6Result(summary, context): LoadResult
import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { createMicrosHistogram } from '../engine/load-recorder.ts';
import { type LatencySummary, summarizeLatency } from '../latency-summary.ts';
import type { LoadModel, LoadResult } from '../load-result.ts';
import { judgeValidity } from '../run-validity.ts';
import type { K6Summary } from './k6-summary.ts';
import { LATENCY_BUCKET_BOUNDS_MS } from './latency-buckets.ts';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function addSlots(lists: readonly (readonly number[])[]): number[] {
  const length = Math.max(0, ...lists.map((list) => list.length));
  return Array.from({ length }, (_, index) => sum(lists.map((list) => list[index] ?? 0)));
}

function addRecords(records: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const record of records) for (const [key, value] of Object.entries(record)) total[key] = (total[key] ?? 0) + value;
  return total;
}

export function mergeK6Summaries(summaries: readonly K6Summary[]): K6Summary {
  const [only] = summaries;
  if (summaries.length === 1 && only !== undefined) return only;
  const requests = sum(summaries.map((summary) => summary.requests));
  const stat = (name: string) => summaries.map((summary) => summary.duration[name]).filter((value): value is number => value !== undefined);
  const duration: Record<string, number> = { count: sum(stat('count')) };
  if (stat('min').length > 0) duration.min = Math.min(...stat('min'));
  if (stat('max').length > 0) duration.max = Math.max(...stat('max'));
  if (requests > 0) duration.avg = sum(summaries.map((summary) => (summary.duration.avg ?? 0) * summary.requests)) / requests;
  const thresholds: K6Summary['thresholds'] = {};
  for (const summary of summaries) {
    for (const [metric, expressions] of Object.entries(summary.thresholds)) {
      // A threshold held across runners only if it held on each (each runner judged its own share).
      for (const [expression, ok] of Object.entries(expressions)) thresholds[metric] = { ...thresholds[metric], [expression]: (thresholds[metric]?.[expression] ?? true) && ok };
    }
  }
  return {
    durationMs: Math.max(...summaries.map((summary) => summary.durationMs)),
    requests,
    droppedIterations: sum(summaries.map((summary) => summary.droppedIterations)),
    duration,
    failed: sum(summaries.map((summary) => summary.failed)),
    transportErrors: sum(summaries.map((summary) => summary.transportErrors)),
    timeouts: sum(summaries.map((summary) => summary.timeouts)),
    unattributed: sum(summaries.map((summary) => summary.unattributed)),
    statusClasses: addRecords(summaries.map((summary) => summary.statusClasses)),
    latencyBuckets: addSlots(summaries.map((summary) => summary.latencyBuckets)),
    backends: addSlots(summaries.map((summary) => summary.backends)),
    thresholds,
    vusMax: sum(summaries.map((summary) => summary.vusMax)),
  };
}

export interface K6ResultContext {
  name?: string;
  model: LoadModel;
  target: { host: string; port: number };
  connections: number;
  rate?: number;
  candidates: string[];
  /** Runner processes whose summaries were merged (1: the k6 binary or container). */
  runners: number;
}

function bucketHistogram(buckets: readonly number[]) {
  const histogram = createMicrosHistogram();
  buckets.forEach((count, index) => {
    // Each request is counted at its bucket's upper bound: percentiles err on the slow side, by one bucket at most.
    if (count > 0) histogram.recordValueWithCount(Math.round((LATENCY_BUCKET_BOUNDS_MS[index] ?? 0) * 1000), count);
  });
  return histogram;
}

function latencyOf(summary: K6Summary, runners: number, fromBuckets: LatencySummary): LatencySummary {
  const trend = summary.duration;
  const exact = (name: string, fallback: number) => trend[name] ?? fallback;
  if (runners > 1) {
    return { ...fromBuckets, count: summary.requests, minMs: exact('min', fromBuckets.minMs ?? 0), maxMs: exact('max', fromBuckets.maxMs), meanMs: exact('avg', fromBuckets.meanMs) };
  }
  return {
    count: summary.requests,
    minMs: exact('min', fromBuckets.minMs ?? 0),
    p50Ms: exact('med', exact('p(50)', fromBuckets.p50Ms)),
    p90Ms: exact('p(90)', fromBuckets.p90Ms),
    p99Ms: exact('p(99)', fromBuckets.p99Ms),
    p999Ms: exact('p(99.9)', fromBuckets.p999Ms ?? fromBuckets.p99Ms),
    maxMs: exact('max', fromBuckets.maxMs),
    meanMs: exact('avg', fromBuckets.meanMs),
  };
}

export function k6Result(summary: K6Summary, context: K6ResultContext): LoadResult {
  const durationSeconds = summary.durationMs / 1000;
  const histogram = bucketHistogram(summary.latencyBuckets);
  const non2xx = sum(Object.entries(summary.statusClasses).map(([name, count]) => (name === '2xx' ? 0 : count)));
  const backends: Record<string, number> = {};
  summary.backends.forEach((count, index) => {
    const name = context.candidates[index];
    if (name !== undefined && count > 0) backends[name] = count;
  });
  const validity = judgeValidity({
    model: context.model,
    durationSeconds,
    ...(context.rate === undefined || context.model !== 'open' ? {} : { targetRate: context.rate }),
    sentInWindow: summary.requests,
    unsent: summary.droppedIterations,
    eventLoopUtilization: [],
    cpuMs: 0,
  });
  if (summary.droppedIterations > 0 && context.model === 'open') {
    validity.valid = false;
    validity.reasons.push(`k6 dropped ${summary.droppedIterations} iteration(s): all ${summary.vusMax || context.connections} VUs were busy when they were due, so the arrival rate was not kept`);
  }
  const result: LoadResult = {
    engine: 'k6',
    model: context.model,
    target: context.target,
    durationSeconds,
    connections: context.connections,
    requests: { total: summary.requests, perSecond: summary.requests / durationSeconds, sentInWindow: summary.requests, unsent: summary.droppedIterations },
    non2xx,
    errors: summary.transportErrors,
    timeouts: summary.timeouts,
    statuses: summary.statusClasses,
    latency: latencyOf(summary, context.runners, summarizeLatency(histogram)),
    latencyHistogram: encodeIntoCompressedBase64(histogram),
    backends,
    unattributed: summary.unattributed,
    validity,
  };
  if (context.name !== undefined) result.name = context.name;
  if (context.rate !== undefined && context.model === 'open') result.targetRate = context.rate;
  return result;
}
