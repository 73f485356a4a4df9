// Reads a run's results.json for re-rendering (`gauntlet report`) or comparing: checks that it is JSON, of a
// schema version this gauntlet reads, and valid against docs/results.schema.json, and says which of these it
// is not, naming the file and the JSON pointer of each problem.
//
//   readRunResult(path): Promise<RunResult>      path: a results.json, or a run folder holding one
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { validateResults } from './results-schema/validate-results.ts';
import { RESULTS_SCHEMA_VERSION, type RunResult } from './run-result.ts';
import { REPORT_FILES } from './write-reports.ts';

/** Problems listed in one error; the rest are counted. */
const SHOWN_PROBLEMS = 8;

export class ResultsFileError extends Error {
  readonly code = 'GAUNTLET_RESULTS_FILE';
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(`${path}: ${message}`, options);
    this.name = 'ResultsFileError';
    this.path = path;
  }
}

/** The results.json a path names: the file itself, or the one in a run folder. */
export async function resultsFileOf(path: string): Promise<string> {
  const info = await stat(path).catch((error: unknown) => {
    throw new ResultsFileError(path, 'no such file or folder; give a run folder (reports/<run-id>/) or its results.json', { cause: error });
  });
  return info.isDirectory() ? join(path, REPORT_FILES.results) : path;
}

export async function readRunResult(path: string): Promise<RunResult> {
  const file = await resultsFileOf(path);
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new ResultsFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); a run folder holds results.json once its run finished`, { cause: error });
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ResultsFileError(file, `is not JSON (${(error as Error).message})`, { cause: error });
  }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== RESULTS_SCHEMA_VERSION) {
    throw new ResultsFileError(file, `has schemaVersion ${JSON.stringify(version)}; this gauntlet reads results of version ${RESULTS_SCHEMA_VERSION} (docs/results.schema.json)`);
  }
  const problems = validateResults(value);
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((problem) => `  ${problem}`);
    const more = problems.length > SHOWN_PROBLEMS ? [`  ... and ${problems.length - SHOWN_PROBLEMS} more`] : [];
    throw new ResultsFileError(file, `does not match the results schema (docs/results.schema.json):\n${[...shown, ...more].join('\n')}`);
  }
  return value as RunResult;
}
