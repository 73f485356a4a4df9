// The checkout's record of the gauntlet processes running a local cluster right now: one file per process,
// `.gauntlet/runs/<pid>.json`, naming its cluster's state directory (where the pod processes are
// recorded). A process that dies without stopping its cluster (kill -9, a crash, an OOM kill) leaves its
// file behind, which is how the next gauntlet command in the checkout finds what to clean (dead-runs.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface LiveRun {
  pid: number;
  /** The gauntlet command: run, serve-cluster (the process behind `gauntlet up`). */
  command: string;
  /** The local cluster's state directory (kubeconfig, pod logs, the pids record). */
  stateDir: string;
  startedAt: string;
}

export function defaultLiveRunsDir(cwd: string = process.cwd()): string {
  return resolve(cwd, '.gauntlet', 'runs');
}

/** Records this process as running a cluster in `stateDir`; the returned function withdraws the record. */
export async function registerLiveRun(runsDir: string, command: string, stateDir: string): Promise<() => Promise<void>> {
  await mkdir(runsDir, { recursive: true });
  const file = join(runsDir, `${process.pid}.json`);
  const record: LiveRun = { pid: process.pid, command, stateDir: resolve(stateDir), startedAt: new Date().toISOString() };
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  return () => rm(file, { force: true });
}

/** Every record, with the file it came from; unreadable files (a torn write) count as records of pid 0. */
export function readLiveRuns(runsDir: string): { file: string; run: LiveRun }[] {
  if (!existsSync(runsDir)) return [];
  return readdirSync(runsDir)
    .filter((name) => /^\d+\.json$/.test(name))
    .map((name) => {
      const file = join(runsDir, name);
      try {
        return { file, run: JSON.parse(readFileSync(file, 'utf8')) as LiveRun };
      } catch {
        return { file, run: { pid: 0, command: 'unknown', stateDir: '', startedAt: '' } };
      }
    });
}
