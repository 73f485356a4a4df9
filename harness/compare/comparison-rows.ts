// The rows every comparison view tabulates: each outcome that changed, then each load metric, as display cells
// in one column order (scenario, metric, base, new, change, p (Holm), verdict). The terminal and Markdown views
// differ only in how they lay these out.
import type { Comparison } from './compare-result.ts';
import { formatChange, formatMetricVerdict, formatOutcomeVerdict, formatPValue, formatValue } from './format-values.ts';
import { METRICS } from './metrics.ts';

export const COMPARISON_COLUMNS = ['scenario', 'metric', 'base', 'new', 'change', 'p (Holm)', 'verdict'] as const;

export interface ComparisonRow {
  cells: string[];
  /** The row is a regression: views make its verdict stand out. */
  regression: boolean;
}

export function comparisonRows(comparison: Comparison): ComparisonRow[] {
  const outcomes = comparison.outcomes
    .filter((outcome) => outcome.verdict !== 'unchanged')
    .map((outcome) => ({
      cells: [outcome.scenario, 'outcome', outcome.base ?? '-', outcome.next ?? '-', '', '', formatOutcomeVerdict(outcome.verdict)],
      regression: outcome.verdict === 'regression',
    }));
  const metrics = comparison.metrics.map((metric) => ({
    cells: [
      metric.scenario,
      METRICS[metric.metric].label,
      formatValue(metric, metric.base),
      formatValue(metric, metric.next),
      formatChange(metric),
      formatPValue(metric.test?.adjustedPValue),
      formatMetricVerdict(metric),
    ],
    regression: metric.verdict === 'regression',
  }));
  return [...outcomes, ...metrics];
}
