// What `gauntlet up` leaves behind for `gauntlet down`, `gauntlet status` and later `up` calls: the serving
// process, whether it is still starting or ready, and its kubeconfig. The serving process creates the file
// exclusively before it starts anything, so two `up` at once in one checkout start one cluster, not two.
import { existsSync, readFileSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isAlive } from '@gauntlet/local-cluster';

export { isAlive } from '@gauntlet/local-cluster';

export interface UpState {
  pid: number;
  phase: 'starting' | 'ready';
  kubeconfigPath: string;
  apiUrl: string;
  startedAt: string;
}

export function defaultUpStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.GAUNTLET_STATE_DIR ?? join(process.cwd(), '.gauntlet', 'up'));
}

export const upStateFile = (stateDir: string): string => join(stateDir, 'up.json');
export const upLogFile = (stateDir: string): string => join(stateDir, 'up.log');
export const clusterStateDir = (stateDir: string): string => join(stateDir, 'cluster');

export function readUpState(stateDir: string): UpState | undefined {
  const file = upStateFile(stateDir);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as UpState;
  } catch {
    return undefined; // a torn write from a crashed process: treat as not up
  }
}

/** The state of a serving process that is still alive, if any. */
export function runningUpState(stateDir: string): UpState | undefined {
  const state = readUpState(stateDir);
  return state && isAlive(state.pid) ? state : undefined;
}

/**
 * Creates the state file for this process, phase 'starting'. Returns the state of the live process that
 * already holds it instead, if there is one; a file left by a dead process is replaced.
 */
export async function claimUpState(stateDir: string): Promise<UpState | undefined> {
  const state: UpState = { pid: process.pid, phase: 'starting', kubeconfigPath: '', apiUrl: '', startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(upStateFile(stateDir), 'wx');
      await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
      await handle.close();
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = runningUpState(stateDir);
      if (holder) return holder;
      await clearUpState(stateDir);
    }
  }
  return runningUpState(stateDir);
}

export async function writeUpState(stateDir: string, state: UpState): Promise<void> {
  const temporary = `${upStateFile(stateDir)}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, upStateFile(stateDir));
}

export async function clearUpState(stateDir: string): Promise<void> {
  await rm(upStateFile(stateDir), { force: true });
}
