// `gauntlet compare` without the terminal: read the runs, compare them, and with a history folder keep them and
// redraw the trends. With one run and a history, the base is the newest kept run before it, which is what a
// nightly job wants (`gauntlet compare --history nightly reports/latest`); the very first such run has nothing
// to compare with, is kept, and says so.
//
//   comparePaths(request): Promise<CompareOutcome>
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompareInputError } from './compare-error.ts';
import type { Comparison } from './compare-result.ts';
import { compareRuns } from './compare-runs.ts';
import { addToHistory, readHistory } from './history-store.ts';
import { type ComparedRun, readRun } from './read-run.ts';
import { renderTrendsHtml } from './render-trends.ts';
import type { CompareSettings } from './thresholds.ts';
import { type Trends, trendsOf } from './trends.ts';

export const TRENDS_FILE = 'trends.html';
export const DEFAULT_HISTORY_KEEP = 60;

export interface CompareRequest {
  /** [base, new], or [new] with a history. */
  runs: string[];
  settings: CompareSettings;
  historyDir?: string;
  /** How many runs the history keeps; default 60. */
  keep?: number;
}

export interface HistoryOutcome {
  dir: string;
  trendsFile: string;
  trends: Trends;
  warnings: string[];
}

export interface CompareOutcome {
  /** Absent when a history had no earlier run to compare with. */
  comparison?: Comparison;
  history?: HistoryOutcome;
}

export async function comparePaths(request: CompareRequest): Promise<CompareOutcome> {
  const { runs, historyDir } = request;
  if (runs.length === 0 || runs.length > 2) throw new CompareInputError(`compare takes BASE NEW (two runs), or NEW with --history DIR; got ${runs.length} run(s)`);
  if (runs.length === 1 && historyDir === undefined) {
    throw new CompareInputError(`compare got one run (${runs[0]}); give BASE and NEW, or --history DIR to compare with the newest run kept there`);
  }
  const read = await Promise.all(runs.map((path) => readRun(path)));
  const next = read[read.length - 1] as ComparedRun;
  let base = read.length === 2 ? read[0] : undefined;
  if (!base && historyDir !== undefined) base = await newestBefore(historyDir, next);
  const comparison = base ? compareRuns(base, next, request.settings) : undefined;
  if (historyDir === undefined) return comparison ? { comparison } : {};
  const keep = request.keep ?? DEFAULT_HISTORY_KEEP;
  if (!(Number.isInteger(keep) && keep >= 2)) throw new CompareInputError(`--keep ${keep}: keep at least 2 runs, or there is no trend to draw`);
  const history = await addToHistory(historyDir, base ? [base, next] : [next], keep);
  const trends = trendsOf(history.entries.map((entry) => entry.run));
  const trendsFile = join(historyDir, TRENDS_FILE);
  await writeFile(trendsFile, await renderTrendsHtml(trends, `Gauntlet trends: ${historyDir}`), 'utf8');
  const outcome: CompareOutcome = { history: { dir: historyDir, trendsFile, trends, warnings: history.warnings } };
  if (comparison) outcome.comparison = comparison;
  return outcome;
}

/** The newest kept run that started before `next` (another run than it). */
async function newestBefore(dir: string, next: ComparedRun): Promise<ComparedRun | undefined> {
  const { entries } = await readHistory(dir);
  const earlier = entries.filter((entry) => entry.run.runId !== next.runId && entry.run.startedAt <= next.startedAt);
  return earlier[earlier.length - 1]?.run;
}
