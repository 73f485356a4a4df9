// `gauntlet down`: stops what `gauntlet up` started and leaves no process behind, even when the serving
// process was killed (its pods' pids are on record).
import { stopRecordedPods } from '@gauntlet/local-cluster';
import type { Command } from 'commander';
import { clearUpState, clusterStateDir, defaultUpStateDir, isAlive, readUpState } from '../../run/up-state.ts';
import { withExamples } from '../help-examples.ts';
import { jsonOutput } from '../json-output.ts';

export function registerDownCommand(program: Command): void {
  const command = program
    .command('down')
    .description('stop the cluster that `gauntlet up` started')
    .option('--state-dir <dir>', 'the state directory given to `gauntlet up`', defaultUpStateDir())
    .option('--json', 'print {"stopped", "leftovers"} on stdout')
    .action(async (options: { stateDir: string; json?: boolean }) => {
      if (options.json) jsonOutput.enable();
      const state = readUpState(options.stateDir);
      const wasRunning = state !== undefined && isAlive(state.pid);
      if (state && wasRunning) {
        process.kill(state.pid, 'SIGTERM');
        if (!(await waitForExit(state.pid, 20_000))) process.kill(state.pid, 'SIGKILL');
      }
      const leftovers = await stopRecordedPods(clusterStateDir(options.stateDir));
      await clearUpState(options.stateDir);
      const killed = leftovers.length > 0 ? `; stopped ${leftovers.length} pod process(es) it left running (pids ${leftovers.join(', ')})` : '';
      if (state && wasRunning) process.stderr.write(`Stopped the cluster of gauntlet up (pid ${state.pid})${killed}.\n`);
      else if (state) process.stderr.write(`The cluster's process (pid ${state.pid}) had died${killed || '; its pod processes had already stopped'}.\n`);
      else process.stderr.write(`Nothing was up${killed}.\n`);
      if (options.json) jsonOutput.write({ stopped: state && wasRunning ? state.pid : null, leftovers });
    });
  withExamples(command, [
    ['gauntlet down', 'stop the cluster of gauntlet up, and every pod process it started'],
    ['gauntlet down --state-dir /tmp/my-up', 'the one started with gauntlet up --state-dir /tmp/my-up'],
  ]);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
