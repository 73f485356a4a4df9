// `gauntlet status`: what runs in this checkout. The cluster of `gauntlet up` (its process, kubeconfig, and
// per Gateway the address `kubectl get gateway` shows with the curl command that reaches it), and any
// `gauntlet run` in progress with its local cluster.
import type { Command } from 'commander';
import { gatewayAccessOf } from '../../run/gateway-access.ts';
import { defaultLiveRunsDir, readLiveRuns } from '../../run/live-runs.ts';
import { clusterStateDir, defaultUpStateDir, runningUpState } from '../../run/up-state.ts';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show the cluster of `gauntlet up` (how to reach each Gateway) and the runs in progress in this checkout')
    .option('--state-dir <dir>', 'the state directory given to `gauntlet up`', defaultUpStateDir())
    .action(async (options: { stateDir: string }) => {
      const lines: string[] = [];
      const up = runningUpState(options.stateDir);
      if (!up) lines.push('gauntlet up: not running.');
      else if (up.phase === 'starting') lines.push(`gauntlet up: starting (pid ${up.pid}, since ${up.startedAt}).`);
      else {
        lines.push(`gauntlet up: running (pid ${up.pid}, since ${up.startedAt}).`, `export KUBECONFIG=${up.kubeconfigPath}`);
        lines.push(await gatewayAccessOf(up.kubeconfigPath));
      }
      const upCluster = clusterStateDir(options.stateDir);
      const runs = readLiveRuns(defaultLiveRunsDir()).filter(({ run }) => run.stateDir !== upCluster && run.pid !== up?.pid);
      for (const { run } of runs) lines.push(`gauntlet ${run.command}: in progress (pid ${run.pid}, since ${run.startedAt}); its cluster's state is in ${run.stateDir}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
