// What `gauntlet up` leaves behind for `gauntlet down` and for later `up` calls: the serving process and its kubeconfig.
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export { isAlive } from '@gauntlet/local-cluster';

export interface UpState {
  pid: number;
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

export async function writeUpState(stateDir: string, state: UpState): Promise<void> {
  await writeFile(upStateFile(stateDir), `${JSON.stringify(state, null, 2)}\n`);
}

export async function clearUpState(stateDir: string): Promise<void> {
  await rm(upStateFile(stateDir), { force: true });
}
