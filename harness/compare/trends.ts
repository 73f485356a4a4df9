// Each metric's values across the kept runs, per scenario: what the trend view draws and the sparklines in the
// terminal and Markdown summarise. A run where a scenario did not run load leaves a gap (null), not a zero.
//
//   trendsOf(runs: ComparedRun[]): Trends
//   sparkline(values): string   e.g. "▂▃▂▇" (gaps as spaces)
import type { Outcome } from '../report/run-result.ts';
import type { ComparedRun } from './read-run.ts';

export type TrendMetric = 'latency.p50' | 'latency.p90' | 'latency.p99' | 'throughput' | 'errors';
export const TREND_METRICS: readonly TrendMetric[] = ['latency.p50', 'latency.p90', 'latency.p99', 'throughput', 'errors'];

export interface Trends {
  runs: { runId: string; startedAt: string }[];
  /** Per load scenario, per metric: one value per run, null where the scenario ran no load. */
  load: { scenario: string; values: Record<TrendMetric, (number | null)[]> }[];
  /** Per scenario, its outcome in each run (null: not in that run). */
  outcomes: { scenario: string; outcomes: (Outcome | null)[] }[];
}

export function trendsOf(runs: ComparedRun[]): Trends {
  const scenarioIds = [...new Set(runs.flatMap((run) => run.scenarios.map((scenario) => scenario.id)))];
  const find = (run: ComparedRun, id: string) => run.scenarios.find((scenario) => scenario.id === id);
  const loadIds = scenarioIds.filter((id) => runs.some((run) => find(run, id)?.load));
  return {
    runs: runs.map((run) => ({ runId: run.runId, startedAt: run.startedAt })),
    load: loadIds.map((id) => {
      const figures = runs.map((run) => find(run, id)?.load);
      const sent = (load: NonNullable<(typeof figures)[number]>) => load.requests + load.transportErrors;
      return {
        scenario: id,
        values: {
          'latency.p50': figures.map((load) => load?.summary.p50Ms ?? null),
          'latency.p90': figures.map((load) => load?.summary.p90Ms ?? null),
          'latency.p99': figures.map((load) => load?.summary.p99Ms ?? null),
          throughput: figures.map((load) => load?.requestsPerSecond ?? null),
          errors: figures.map((load) => (load && sent(load) > 0 ? (load.transportErrors + load.non2xx) / sent(load) : null)),
        },
      };
    }),
    outcomes: scenarioIds.filter((id) => !runs.some((run) => find(run, id)?.partOf)).map((id) => ({ scenario: id, outcomes: runs.map((run) => find(run, id)?.outcome ?? null) })),
  };
}

const blocks = '▁▂▃▄▅▆▇█';

export function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return '';
  const low = Math.min(...present);
  const high = Math.max(...present);
  return values
    .map((value) => {
      if (value === null) return ' ';
      const level = high === low ? 3 : Math.round(((value - low) / (high - low)) * (blocks.length - 1));
      return blocks[level];
    })
    .join('');
}
