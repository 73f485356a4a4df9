// `gauntlet down`: stops what `gauntlet up` started and leaves no process behind.

import { stopRecordedPods } from '@gauntlet/local-cluster';
import type { Command } from 'commander';
import { clearUpState, clusterStateDir, defaultUpStateDir, isAlive, readUpState } from '../../run/up-state.ts';

export function registerDownCommand(program: Command): void {
  program
    .command('down')
    .description('stop the cluster that `gauntlet up` started')
    .option('--state-dir <dir>', 'the state directory given to `gauntlet up`', defaultUpStateDir())
    .action(async (options: { stateDir: string }) => {
      const state = readUpState(options.stateDir);
      if (state && isAlive(state.pid)) {
        process.kill(state.pid, 'SIGTERM');
        if (!(await waitForExit(state.pid, 20_000))) process.kill(state.pid, 'SIGKILL');
      }
      // Pods outlive a serving process that was killed hard: their pids are on record.
      const leftovers = await stopRecordedPods(clusterStateDir(options.stateDir));
      await clearUpState(options.stateDir);
      const killed = leftovers.length > 0 ? `, ${leftovers.length} leftover pod processes stopped` : '';
      process.stderr.write(state ? `Stopped (pid ${state.pid}${killed}).\n` : `Nothing was up${killed}.\n`);
    });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
