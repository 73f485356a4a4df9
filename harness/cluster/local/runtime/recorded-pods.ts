// Cleaning up after a harness that died without stopping its pods (`gauntlet down`): the pids recorded
// in <stateDir>/pids get SIGTERM, then SIGKILL after a grace period. A pid may have been reused by an
// unrelated process since: where /proc exists, only processes running one of the image catalog's entry
// scripts are signalled.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { IMAGE_CATALOG } from './image-catalog.ts';
import { PID_FILE_NAME } from './pid-file.ts';

export function readRecordedPids(stateDir: string): number[] {
  const file = path.join(stateDir, PID_FILE_NAME);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 1);
}

/** Stops every recorded pod process still alive; returns the pids it signalled. Removes the pid file. */
export async function stopRecordedPods(stateDir: string, options: { graceMs?: number } = {}): Promise<number[]> {
  const targets = readRecordedPids(stateDir).filter((pid) => isAlive(pid) && runsAPodScript(pid));
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

function runsAPodScript(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true; // no /proc (macOS): trust the record
  try {
    const argv = readFileSync(cmdline, 'utf8').split('\0');
    return IMAGE_CATALOG.some((entry) => argv.some((arg) => arg.endsWith(entry.script)));
  } catch {
    return false;
  }
}
