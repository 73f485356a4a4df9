// `gauntlet down`: stops what `gauntlet up` started and leaves no process behind.
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { clearUpState, defaultUpStateDir, isAlive, podPidsFile, readUpState } from '../../run/up-state.ts';

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
      const leftovers = readPodPids(options.stateDir).filter(isAlive);
      for (const pid of leftovers) process.kill(pid, 'SIGKILL');
      await clearUpState(options.stateDir);
      process.stderr.write(state ? `Stopped (pid ${state.pid}${leftovers.length ? `, ${leftovers.length} leftover pod processes killed` : ''}).\n` : 'Nothing was up.\n');
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

function readPodPids(stateDir: string): number[] {
  const file = podPidsFile(stateDir);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => Number.parseInt(line, 10))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}
