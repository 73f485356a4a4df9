// What the next gauntlet command does about runs that died without stopping their local cluster: it finds
// their records (live-runs.ts) whose process is gone, stops every pod process their cluster recorded
// (stopRecordedPods; pods also stop by themselves within seconds of their harness dying, so there may be
// none left), removes the record, and says what it did.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { isAlive, stopRecordedPods } from '@gauntlet/local-cluster';
import { type LiveRun, readLiveRuns } from './live-runs.ts';

export interface CleanedRun {
  run: LiveRun;
  /** Pod processes that were still running and were stopped. */
  stopped: number[];
}

export async function cleanUpDeadRuns(runsDir: string, report: (line: string) => void): Promise<CleanedRun[]> {
  const cleaned: CleanedRun[] = [];
  for (const { file, run } of readLiveRuns(runsDir)) {
    if (run.pid !== process.pid && isGauntletProcess(run.pid)) continue;
    const stopped = run.stateDir ? await stopRecordedPods(run.stateDir) : [];
    await rm(file, { force: true });
    cleaned.push({ run, stopped });
    report(describe(run, stopped));
  }
  return cleaned;
}

function describe(run: LiveRun, stopped: number[]): string {
  const what = `gauntlet ${run.command} (pid ${run.pid}, started ${run.startedAt || 'at an unknown time'})`;
  const outcome =
    stopped.length > 0
      ? `stopped the ${stopped.length} pod process(es) it left running (pids ${stopped.join(', ')})`
      : 'its pod processes had already stopped by themselves';
  return `gauntlet: ${what} died without stopping its local cluster: ${outcome}; its state is in ${run.stateDir || 'an unreadable record'}`;
}

/** Alive and still a gauntlet process (where /proc tells): a reused pid of another program counts as dead. */
function isGauntletProcess(pid: number): boolean {
  if (pid <= 0 || !isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('gauntlet');
  } catch {
    return true; // no /proc (macOS) or not ours to read: trust the live pid
  }
}
