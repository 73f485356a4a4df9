// How large a significant change must be before it counts: per metric, optionally per scenario. A change that a
// test finds significant but that stays within its threshold is reported ("within threshold") and does not fail
// the comparison; nightly machines are noisy, and a test over 10,000 requests finds 1% shifts significant.
//
// Written as text on the command line (`--threshold latency.p99=50%,2ms`, `--threshold my-scenario:errors=0.5%`)
// and in a file (`--thresholds file.yaml`: `alpha`, `thresholds: {metric: text}`, `scenarios: {id: {metric: text}}`):
//   50%    a relative change (of a latency percentile, of throughput)
//   2ms    an absolute change of a latency percentile; 100/s of throughput
//   0.5%   for errors: percentage points of the error rate
//   0.71   for latency (distribution): Vargha-Delaney A, the probability that a new request is slower
// Parts joined by a comma must all be exceeded.
import { CompareInputError } from './compare-error.ts';
import { isMetricId, METRIC_IDS, METRICS, type MetricId } from './metrics.ts';

export interface Threshold {
  /** Fraction of the base value, e.g. 0.5 for 50%. */
  relative?: number;
  /** In the metric's unit (ms, req/s; a fraction of requests for errors). */
  absolute?: number;
  /** Vargha-Delaney A, for the latency distribution. */
  probability?: number;
}

export interface CompareSettings {
  /** Family-wise significance level over every test of the comparison (Holm). */
  alpha: number;
  thresholds: Record<MetricId, Threshold>;
  /** Per scenario id, metrics whose threshold differs. */
  scenarios: Record<string, Partial<Record<MetricId, Threshold>>>;
}

/**
 * Defaults measured on a shared 2-core machine with 3-second load phases: two ordinary runs of the same code
 * differed by up to 43% at p50 and 41% in throughput. Longer load phases (a nightly profile) allow tighter ones.
 */
export function defaultSettings(): CompareSettings {
  return {
    alpha: 0.01,
    thresholds: {
      latency: { probability: 0.71 },
      'latency.p50': { relative: 0.5, absolute: 1 },
      'latency.p90': { relative: 0.5, absolute: 1 },
      'latency.p99': { relative: 0.75, absolute: 2 },
      throughput: { relative: 0.35 },
      errors: { absolute: 0.01 },
    },
    scenarios: {},
  };
}

export function thresholdFor(settings: CompareSettings, scenario: string, metric: MetricId): Threshold {
  return settings.scenarios[scenario]?.[metric] ?? settings.thresholds[metric];
}

/** `[scenario:]metric=value`, as `--threshold` takes it; `where` names the option or file for messages. */
export function applyThresholdOption(settings: CompareSettings, option: string, where = '--threshold'): void {
  const match = /^(?:([^:=\s]+):)?([a-z0-9.]+)=(.+)$/.exec(option.trim());
  if (!match) throw new CompareInputError(`${where} ${JSON.stringify(option)}: write [scenario:]metric=value, e.g. latency.p99=50%,2ms`);
  const [, scenario, metric = '', value = ''] = match;
  setThreshold(settings, scenario, metric, value, where);
}

export function setThreshold(settings: CompareSettings, scenario: string | undefined, metric: string, value: string, where: string): void {
  if (!isMetricId(metric)) throw new CompareInputError(`${where}: unknown metric ${JSON.stringify(metric)}; use one of ${METRIC_IDS.join(', ')}`);
  const threshold = parseThreshold(metric, value, where);
  if (scenario === undefined) settings.thresholds[metric] = threshold;
  else settings.scenarios[scenario] = { ...settings.scenarios[scenario], [metric]: threshold };
}

function parseThreshold(metric: MetricId, value: string, where: string): Threshold {
  const definition = METRICS[metric];
  const threshold: Threshold = {};
  for (const part of value.split(',').map((text) => text.trim())) {
    const parsed = parsePart(metric, part);
    const kind = parsed && (Object.keys(parsed)[0] as keyof Threshold);
    if (!parsed || !kind || !definition.accepts.includes(kind)) {
      throw new CompareInputError(`${where}: ${metric}=${JSON.stringify(value)}: ${JSON.stringify(part)} is not a threshold ${metric} takes; ${examplesFor(metric)}`);
    }
    Object.assign(threshold, parsed);
  }
  return threshold;
}

function parsePart(metric: MetricId, part: string): Threshold | undefined {
  const number = (text: string | undefined) => (text !== undefined && /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined);
  const percent = number(/^(.+)%$/.exec(part)?.[1]);
  if (percent !== undefined) return metric === 'errors' ? { absolute: percent / 100 } : { relative: percent / 100 };
  const milliseconds = number(/^(.+)ms$/.exec(part)?.[1]);
  if (milliseconds !== undefined) return METRICS[metric].unit === 'ms' ? { absolute: milliseconds } : undefined;
  const perSecond = number(/^(.+)\/s$/.exec(part)?.[1]);
  if (perSecond !== undefined) return metric === 'throughput' ? { absolute: perSecond } : undefined;
  const probability = number(part);
  if (probability !== undefined && probability > 0.5 && probability < 1) return { probability };
  return undefined;
}

function examplesFor(metric: MetricId): string {
  if (metric === 'latency') return 'write a probability between 0.5 and 1, e.g. 0.71';
  if (metric === 'errors') return 'write percentage points of the error rate, e.g. 0.5%';
  if (metric === 'throughput') return 'write a relative drop and/or requests per second, e.g. 20% or 20%,100/s';
  return 'write a relative rise and/or milliseconds, e.g. 50% or 50%,2ms';
}

export function describeThreshold(metric: MetricId, threshold: Threshold): string {
  const parts: string[] = [];
  const sign = METRICS[metric].worse === 'higher' ? '+' : '-';
  if (threshold.probability !== undefined) parts.push(`A >= ${threshold.probability}`);
  if (threshold.relative !== undefined) parts.push(`${sign}${round(threshold.relative * 100)}%`);
  if (threshold.absolute !== undefined) {
    if (metric === 'errors') parts.push(`+${round(threshold.absolute * 100)} points`);
    else parts.push(`${sign}${round(threshold.absolute)}${metric === 'throughput' ? '/s' : ' ms'}`);
  }
  return parts.join(' and ');
}

const round = (value: number) => Number(value.toPrecision(4));
