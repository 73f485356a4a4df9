// Numbers of a comparison as the terminal, Markdown and HTML views all show them: values with their unit,
// changes with a sign, p-values in a width that fits a table, verdicts in words.
import type { MetricRow, OutcomeVerdict } from './compare-result.ts';
import type { MetricVerdict } from './judge-metric.ts';
import { METRICS } from './metrics.ts';

export function formatValue(row: Pick<MetricRow, 'metric'>, value: number | null): string {
  if (value === null) return '-';
  const unit = METRICS[row.metric].unit;
  if (row.metric === 'latency') return `mean ${significant(value)} ms`;
  if (unit === 'ms') return `${significant(value)} ms`;
  if (unit === 'req/s') return `${Math.round(value)}/s`;
  if (unit === '%') return `${(value * 100).toFixed(2)}%`;
  return significant(value);
}

export function formatChange(row: MetricRow): string {
  const { change } = row;
  if (!change) return '-';
  if (change.probabilityNextHigher !== undefined) return `A ${change.probabilityNextHigher.toFixed(2)}`;
  if (row.metric === 'errors') return `${signed(change.absolute * 100, 2)} pts`;
  if (change.relative === undefined) return signed(change.absolute, 3);
  return `${signed(change.relative * 100, 1)}%`;
}

export function formatPValue(p: number | undefined): string {
  if (p === undefined) return '-';
  if (p < 1e-16) return '<1e-16';
  if (p < 0.001) return p.toExponential(1);
  return p.toFixed(3);
}

const metricVerdictWords: Record<MetricVerdict, string> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  'within-threshold': 'within threshold',
  'no-significant-change': 'no significant change',
  'not-testable': 'not testable',
};

export function formatMetricVerdict(row: MetricRow): string {
  const words = metricVerdictWords[row.verdict];
  if (row.verdict === 'within-threshold' && row.direction === 'better') return 'better, within threshold';
  if (row.verdict === 'regression' || row.verdict === 'improvement' || row.verdict === 'within-threshold') return `${words} (threshold ${row.threshold})`;
  if (row.verdict === 'not-testable' && row.untestable) return `${words}: ${row.untestable}`;
  return words;
}

const outcomeVerdictWords: Record<OutcomeVerdict, string> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  unchanged: 'unchanged',
  changed: 'changed',
  new: 'new scenario',
  removed: 'not in the new run',
};

export function formatOutcomeVerdict(verdict: OutcomeVerdict): string {
  return outcomeVerdictWords[verdict];
}

function significant(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}

function signed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text;
}
