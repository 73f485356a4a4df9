// Renders a past run's reports again from its results.json: after an upgrade of gauntlet (a better HTML report),
// for a run copied from CI, or into another folder to publish. The results file is checked against the schema
// first, so a damaged or foreign file is named, never half-rendered.
//
//   rerenderRun(runPath, outDir?): Promise<{ run, dir, files }>
//     runPath: a run folder (reports/<run-id>/) or its results.json; outDir: default the run's folder
import { dirname, resolve } from 'node:path';
import { readRunResult, resultsFileOf } from './read-run-result.ts';
import type { RunResult } from './run-result.ts';
import { writeReports } from './write-reports.ts';

export interface Rerendered {
  run: RunResult;
  dir: string;
  files: string[];
}

export async function rerenderRun(runPath: string, outDir?: string): Promise<Rerendered> {
  const resultsFile = await resultsFileOf(runPath);
  const run = await readRunResult(resultsFile);
  const runDir = dirname(resolve(resultsFile));
  const dir = resolve(outDir ?? runDir);
  // Another folder gets results.json too, so it holds a complete run; the run's own folder keeps its file as is.
  const files = await writeReports(run, dir, { results: dir !== runDir });
  return { run, dir, files };
}
