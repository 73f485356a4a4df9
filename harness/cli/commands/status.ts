// `gauntlet status`: what runs in this checkout. The cluster of `gauntlet up` (its process, kubeconfig, and
// per Gateway the address `kubectl get gateway` shows with the curl command that reaches it), and any
// `gauntlet run` in progress with its local cluster.
import type { Command } from 'commander';
import { gatewayAccessOf } from '../../run/gateway-access.ts';
import { defaultLiveRunsDir, readLiveRuns } from '../../run/live-runs.ts';
import { clusterStateDir, defaultUpStateDir, runningUpState } from '../../run/up-state.ts';
import { withExamples } from '../help-examples.ts';
import { jsonOutput } from '../json-output.ts';

export function registerStatusCommand(program: Command): void {
  const command = program
    .command('status')
    .description('show the cluster of `gauntlet up` (how to reach each Gateway) and the runs in progress in this checkout')
    .option('--state-dir <dir>', 'the state directory given to `gauntlet up`', defaultUpStateDir())
    .option('--json', 'print {"up", "runs"} on stdout')
    .action(async (options: { stateDir: string; json?: boolean }) => {
      if (options.json) jsonOutput.enable();
      const lines: string[] = [];
      const up = runningUpState(options.stateDir);
      if (!up) lines.push('gauntlet up: not running.');
      else if (up.phase === 'starting') lines.push(`gauntlet up: starting (pid ${up.pid}, since ${up.startedAt}).`);
      const access = up?.phase === 'ready' ? await gatewayAccessOf(up.kubeconfigPath) : undefined;
      if (up?.phase === 'ready') lines.push(`gauntlet up: running (pid ${up.pid}, since ${up.startedAt}).`, `export KUBECONFIG=${up.kubeconfigPath}`, access ?? '');
      const upCluster = clusterStateDir(options.stateDir);
      const runs = readLiveRuns(defaultLiveRunsDir()).filter(({ run }) => run.stateDir !== upCluster && run.pid !== up?.pid);
      for (const { run } of runs) lines.push(`gauntlet ${run.command}: in progress (pid ${run.pid}, since ${run.startedAt}); its cluster's state is in ${run.stateDir}`);
      if (!options.json) {
        process.stdout.write(`${lines.join('\n')}\n`);
        return;
      }
      jsonOutput.write({
        up: up ? { pid: up.pid, phase: up.phase, startedAt: up.startedAt, kubeconfig: up.kubeconfigPath, ...(access ? { gatewayAccess: access.split('\n') } : {}) } : null,
        runs: runs.map(({ run }) => ({ command: run.command, pid: run.pid, startedAt: run.startedAt, stateDir: run.stateDir })),
      });
    });
  withExamples(command, [
    ['gauntlet status', 'is a cluster up, and how do I curl its Gateways?'],
    ['gauntlet status --json | jq -r .up.kubeconfig', 'the kubeconfig of the running cluster, for a script'],
  ]);
}
