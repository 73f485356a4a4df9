// `--history DIR`: the runs a nightly job keeps, one results.json copy per run (DIR/runs/<run-id>.json), so that
// trends survive the CI workspace; the oldest beyond `keep` are removed. Files that are not runs are left alone
// and named in a warning, never deleted.
//
//   addToHistory(dir, runs, keep): Promise<HistoryEntry[]>   the history after adding, oldest first
//   readHistory(dir): Promise<{ entries: HistoryEntry[]; warnings: string[] }>
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompareInputError } from './compare-error.ts';
import { type ComparedRun, comparedRunOf } from './read-run.ts';

export interface HistoryEntry {
  file: string;
  run: ComparedRun;
}

const runsFolder = (dir: string) => join(dir, 'runs');

export async function readHistory(dir: string): Promise<{ entries: HistoryEntry[]; warnings: string[] }> {
  const folder = runsFolder(dir);
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new CompareInputError(`--history ${dir}: cannot list ${folder} (${error.code}); check the folder and its permissions`, { cause: error });
  });
  const entries: HistoryEntry[] = [];
  const warnings: string[] = [];
  for (const name of names.filter((candidate) => candidate.endsWith('.json')).sort()) {
    const file = join(folder, name);
    try {
      entries.push({ file, run: comparedRunOf(JSON.parse(await readFile(file, 'utf8')), file) });
    } catch (error) {
      warnings.push(`${file} is not a run this gauntlet reads, left out of the trends: ${(error as Error).message}`);
    }
  }
  entries.sort((a, b) => a.run.startedAt.localeCompare(b.run.startedAt) || a.run.runId.localeCompare(b.run.runId));
  return { entries, warnings };
}

export async function addToHistory(dir: string, runs: ComparedRun[], keep: number): Promise<{ entries: HistoryEntry[]; warnings: string[] }> {
  const folder = runsFolder(dir);
  await mkdir(folder, { recursive: true });
  for (const run of runs) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(run.runId)) throw new CompareInputError(`${run.source}: run id ${JSON.stringify(run.runId)} cannot name a file in the history`);
    const file = join(folder, `${run.runId}.json`);
    // Written aside and renamed, so a reader never sees half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(run.results)}\n`, 'utf8');
    await rename(temporary, file);
  }
  const history = await readHistory(dir);
  const excess = history.entries.length - keep;
  if (excess <= 0) return history;
  for (const entry of history.entries.slice(0, excess)) await rm(entry.file, { force: true });
  return { entries: history.entries.slice(excess), warnings: history.warnings };
}
