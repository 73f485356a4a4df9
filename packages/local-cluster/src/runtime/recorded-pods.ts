// Cleaning up after a harness that died without stopping its pods: the processes recorded in
// <stateDir>/pids get SIGTERM, then SIGKILL after a grace period. A pid may have been reused by an
// unrelated process since: where /proc exists, only a process still running the recorded entry script
// is signalled.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PID_FILE_NAME, parsePidFile, type RecordedProcess } from './pid-file.ts';

export function readRecordedProcesses(stateDir: string): RecordedProcess[] {
  const file = path.join(stateDir, PID_FILE_NAME);
  return existsSync(file) ? parsePidFile(readFileSync(file, 'utf8')) : [];
}

/** Stops every recorded pod process still alive; returns the pids it signalled. Removes the pid file. */
export async function stopRecordedPods(stateDir: string, options: { graceMs?: number } = {}): Promise<number[]> {
  const targets = readRecordedProcesses(stateDir)
    .filter((recorded) => isAlive(recorded.pid) && stillRuns(recorded))
    .map((recorded) => recorded.pid);
  for (const pid of targets) signal(pid, 'SIGTERM');
  const deadline = Date.now() + (options.graceMs ?? 5000);
  while (targets.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const pid of targets.filter(isAlive)) signal(pid, 'SIGKILL');
  rmSync(path.join(stateDir, PID_FILE_NAME), { force: true });
  return targets;
}

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone meanwhile
  }
}

/** The process still runs the recorded script (without /proc, as on macOS, the record is trusted). */
function stillRuns(recorded: RecordedProcess): boolean {
  if (!existsSync('/proc/self/cmdline')) return true;
  if (recorded.script === '') return false;
  try {
    return readFileSync(`/proc/${recorded.pid}/cmdline`, 'utf8').split('\0').includes(recorded.script);
  } catch {
    return false;
  }
}
