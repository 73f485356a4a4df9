// The metrics a comparison judges per scenario, with what makes each one worse and how its change is read
// against a threshold. Outcome (passed/failed) is judged apart: a scenario that passed and now fails is a
// regression whatever its numbers say.

export const METRIC_IDS = ['latency', 'latency.p50', 'latency.p90', 'latency.p99', 'throughput', 'errors'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricDefinition {
  id: MetricId;
  label: string;
  /** How the metric's values are shown. */
  unit: 'ms' | 'req/s' | '%' | '';
  /** The direction that is a regression. */
  worse: 'higher' | 'lower';
  /** What a threshold for it may say: a relative change, an absolute one (in `unit`), or a probability. */
  accepts: readonly ('relative' | 'absolute' | 'probability')[];
  /** The statistical test, named as the reports name it. */
  test: string;
}

export const METRICS: Record<MetricId, MetricDefinition> = {
  latency: {
    id: 'latency',
    label: 'latency (distribution)',
    unit: '',
    worse: 'higher',
    accepts: ['probability'],
    test: "Mann-Whitney U on every request's latency (HDR histogram buckets); the change is Vargha-Delaney A = P(new slower)",
  },
  'latency.p50': { id: 'latency.p50', label: 'latency p50', unit: 'ms', worse: 'higher', accepts: ['relative', 'absolute'], test: "Mood's quantile test at the pooled p50" },
  'latency.p90': { id: 'latency.p90', label: 'latency p90', unit: 'ms', worse: 'higher', accepts: ['relative', 'absolute'], test: "Mood's quantile test at the pooled p90" },
  'latency.p99': { id: 'latency.p99', label: 'latency p99', unit: 'ms', worse: 'higher', accepts: ['relative', 'absolute'], test: "Mood's quantile test at the pooled p99" },
  throughput: {
    id: 'throughput',
    label: 'throughput',
    unit: 'req/s',
    worse: 'lower',
    accepts: ['relative', 'absolute'],
    test: 'Mann-Whitney U on the responses of each second',
  },
  errors: {
    id: 'errors',
    label: 'error rate',
    unit: '%',
    worse: 'higher',
    accepts: ['absolute'],
    test: 'chi-square (Fisher exact for small counts) on failed versus all requests',
  },
};

export function isMetricId(text: string): text is MetricId {
  return (METRIC_IDS as readonly string[]).includes(text);
}
