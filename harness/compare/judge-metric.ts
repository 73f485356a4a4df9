// A measured metric's verdict: significant (its Holm-adjusted p-value below alpha) and past its threshold in the
// worse direction is a regression, in the better one an improvement; significant but small is "within
// threshold"; otherwise "no significant change", or "not testable" with the reason.
//
//   judgeMetric(measurement, adjustedPValue, threshold, alpha): MetricVerdict
import type { MeasuredChange } from './compare-result.ts';
import type { MetricMeasurement } from './measure-load.ts';
import { METRICS } from './metrics.ts';
import type { Threshold } from './thresholds.ts';

export type MetricVerdict = 'regression' | 'improvement' | 'within-threshold' | 'no-significant-change' | 'not-testable';

export function changeOf(measurement: MetricMeasurement): MeasuredChange | undefined {
  const { base, next } = measurement;
  if (!Number.isFinite(base) || !Number.isFinite(next)) return undefined;
  const change: MeasuredChange = { absolute: next - base };
  if (base !== 0) change.relative = (next - base) / base;
  if (measurement.probabilityNextHigher !== undefined) change.probabilityNextHigher = measurement.probabilityNextHigher;
  return change;
}

export function judgeMetric(measurement: MetricMeasurement, adjustedPValue: number | undefined, threshold: Threshold, alpha: number): MetricVerdict {
  if (measurement.untestable !== undefined || adjustedPValue === undefined) return 'not-testable';
  if (!(adjustedPValue < alpha)) return 'no-significant-change';
  const change = changeOf(measurement);
  if (!change) return 'not-testable';
  const worse = isWorse(measurement, change);
  return exceeds(change, threshold, worse) ? (worse ? 'regression' : 'improvement') : 'within-threshold';
}

/** Which way the change went, judged as the metric is (higher latency is worse, lower throughput is). */
export function directionOf(measurement: MetricMeasurement): 'worse' | 'better' | null {
  const change = changeOf(measurement);
  if (!change || (change.absolute === 0 && (change.probabilityNextHigher ?? 0.5) === 0.5)) return null;
  return isWorse(measurement, change) ? 'worse' : 'better';
}

function isWorse(measurement: MetricMeasurement, change: MeasuredChange): boolean {
  if (change.probabilityNextHigher !== undefined) return change.probabilityNextHigher > 0.5;
  return METRICS[measurement.metric].worse === 'higher' ? change.absolute > 0 : change.absolute < 0;
}

/** Every part the threshold sets must be exceeded; a threshold with no parts never is. */
function exceeds(change: MeasuredChange, threshold: Threshold, worse: boolean): boolean {
  const checks: boolean[] = [];
  if (threshold.probability !== undefined) {
    const probability = change.probabilityNextHigher ?? 0.5;
    checks.push(worse ? probability >= threshold.probability : probability <= 1 - threshold.probability);
  }
  if (threshold.relative !== undefined) checks.push(change.relative === undefined ? true : Math.abs(change.relative) >= threshold.relative);
  if (threshold.absolute !== undefined) checks.push(Math.abs(change.absolute) >= threshold.absolute);
  return checks.length > 0 && checks.every(Boolean);
}
