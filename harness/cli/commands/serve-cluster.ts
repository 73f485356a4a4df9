// The background half of `gauntlet up`: claims the checkout's up state (one cluster per state directory),
// brings up the environment, records that it is ready, serves until SIGTERM (`gauntlet down`).
import { mkdir } from 'node:fs/promises';
import type { Command } from 'commander';
import type { GatewayApiChannel } from '../../kube/gateway-api-crds.ts';
import { loadBaseFixtureFor } from '../../run/base-fixture.ts';
import { prepareEnvironment } from '../../run/environment.ts';
import { createProgress } from '../../run/progress.ts';
import { stopOnInterrupt } from '../../run/stop-on-interrupt.ts';
import { claimUpState, clearUpState, clusterStateDir, writeUpState } from '../../run/up-state.ts';
import { CHANNEL_OPTION_DESCRIPTION, parseChannel } from '../channel-option.ts';

/** The exit code of a serve-cluster that found another one serving the same state directory. */
export const ALREADY_SERVING_EXIT_CODE = 3;

export function registerServeClusterCommand(program: Command): void {
  program
    .command('serve-cluster', { hidden: true })
    .requiredOption('--state-dir <dir>')
    .option('--gateway-class <name>', 'GatewayClass the base fixture uses', 'gauntlet')
    .option('--channel <channel>', CHANNEL_OPTION_DESCRIPTION, parseChannel, 'standard')
    .action(async (options: { stateDir: string; gatewayClass: string; channel: GatewayApiChannel }) => {
      await mkdir(options.stateDir, { recursive: true });
      const progress = createProgress((line) => process.stdout.write(`${line}\n`));
      const holder = await claimUpState(options.stateDir);
      if (holder) {
        progress.info(`another gauntlet up (pid ${holder.pid}) serves ${options.stateDir} already`);
        process.exitCode = ALREADY_SERVING_EXIT_CODE;
        return;
      }
      // `gauntlet down` sends SIGTERM: the environment stops the cluster, this forgets the state.
      stopOnInterrupt(() => clearUpState(options.stateDir));
      const startedAt = new Date().toISOString();
      try {
        const environment = await prepareEnvironment({
          cluster: { provider: 'local', stateDir: clusterStateDir(options.stateDir), command: 'up' },
          gatewayClassName: options.gatewayClass,
          channel: options.channel,
          baseFixture: await loadBaseFixtureFor(options.gatewayClass),
          progress,
        });
        await writeUpState(options.stateDir, {
          pid: process.pid,
          phase: 'ready',
          kubeconfigPath: environment.cluster.kubeconfigPath,
          apiUrl: 'apiUrl' in environment.cluster ? String(environment.cluster.apiUrl) : '',
          startedAt,
        });
        progress.info(`serving; kubeconfig ${environment.cluster.kubeconfigPath}`);
      } catch (error) {
        await clearUpState(options.stateDir);
        throw error;
      }
    });
}
