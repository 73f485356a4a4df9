// The background half of `gauntlet up`: brings up the environment, records its state, serves until SIGTERM.
import { mkdir } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadBaseFixtureFor } from '../../run/base-fixture.ts';
import { prepareEnvironment } from '../../run/environment.ts';
import { createProgress } from '../../run/progress.ts';
import { stopOnInterrupt } from '../../run/stop-on-interrupt.ts';
import { clearUpState, clusterStateDir, writeUpState } from '../../run/up-state.ts';

export function registerServeClusterCommand(program: Command): void {
  program
    .command('serve-cluster', { hidden: true })
    .requiredOption('--state-dir <dir>')
    .option('--gateway-class <name>', 'GatewayClass the base fixture uses', 'gauntlet')
    .action(async (options: { stateDir: string; gatewayClass: string }) => {
      await mkdir(options.stateDir, { recursive: true });
      const progress = createProgress((line) => process.stdout.write(`${line}\n`));
      const environment = await prepareEnvironment({
        cluster: { provider: 'local', stateDir: clusterStateDir(options.stateDir) },
        gatewayClassName: options.gatewayClass,
        baseFixture: await loadBaseFixtureFor(options.gatewayClass),
        progress,
      });
      // `gauntlet down` sends SIGTERM: the environment stops the cluster, this forgets the state.
      stopOnInterrupt(() => clearUpState(options.stateDir));
      await writeUpState(options.stateDir, {
        pid: process.pid,
        kubeconfigPath: environment.cluster.kubeconfigPath,
        apiUrl: 'apiUrl' in environment.cluster ? String(environment.cluster.apiUrl) : '',
        startedAt: new Date().toISOString(),
      });
      progress.info(`serving; kubeconfig ${environment.cluster.kubeconfigPath}`);
    });
}
