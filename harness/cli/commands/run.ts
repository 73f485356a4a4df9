// `gauntlet run`: the main job. Exit code 0 only when every selected scenario passed; 1 when one failed;
// 2 when the run could not be made (bad scenario file, cluster would not start, ...).
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { GatewayApiChannel } from '../../kube/gateway-api-crds.ts';
import { createProgress } from '../../run/progress.ts';
import { defaultScenariosRoot } from '../../run/project-paths.ts';
import { REFERENCE_GATEWAY_CLASS } from '../../run/reference-class.ts';
import { runGauntlet } from '../../run/run-gauntlet.ts';
import { type LoadProfile, loadProfiles } from '../../scenario/format/load-format.ts';
import { CHANNEL_OPTION_DESCRIPTION, parseChannel } from '../channel-option.ts';

interface RunCommandOptions {
  scenario: string[];
  gatewayClass: string;
  gatewayControllerName?: string;
  channel: GatewayApiChannel;
  cluster: string;
  kubeconfig?: string;
  reportsDir: string;
  profile: LoadProfile;
}

export class UsageError extends Error {
  readonly code = 'GAUNTLET_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run scenarios against a Gateway API implementation and write reports')
    .option('--scenario <id-or-path>', 'a scenario id, a scenario folder or file, or a folder of scenarios (repeatable)', collect, [])
    .option('--gateway-class <name>', 'the GatewayClass under test (the reference implementation is installed for "gauntlet")', REFERENCE_GATEWAY_CLASS)
    .option('--gateway-controller-name <name>', "the class's spec.controllerName, for scenarios that create a GatewayClass (known for \"gauntlet\")")
    .option('--channel <channel>', CHANNEL_OPTION_DESCRIPTION, parseChannel, 'standard')
    .option('--cluster <provider>', 'local (embedded, started and stopped by the run) or kubeconfig (an existing cluster)', 'local')
    .option('--kubeconfig <path>', 'kubeconfig of the existing cluster (with --cluster kubeconfig)', process.env.KUBECONFIG)
    .option('--reports-dir <dir>', 'where run folders are written', 'reports')
    .option('--profile <profile>', 'the size of load scenarios: smoke (seconds of load) or nightly (longer, more routes)', parseProfile, 'smoke')
    .action(async (options: RunCommandOptions) => {
      const outcome = await runGauntlet({
        scenariosRoot: defaultScenariosRoot,
        scenarios: options.scenario,
        gatewayClassName: options.gatewayClass,
        ...(options.gatewayControllerName === undefined ? {} : { gatewayControllerName: options.gatewayControllerName }),
        channel: options.channel,
        cluster: clusterChoice(options),
        reportsRoot: resolve(options.reportsDir),
        progress: createProgress(),
        profile: options.profile,
      });
      process.exitCode = outcome.passed ? 0 : 1;
    });
}

function clusterChoice(options: RunCommandOptions): { provider: 'local' } | { provider: 'kubeconfig'; kubeconfigPath: string } {
  if (options.cluster === 'local') return { provider: 'local' };
  if (options.cluster === 'kubeconfig') {
    if (!options.kubeconfig) throw new UsageError('--cluster kubeconfig needs --kubeconfig <path> (or KUBECONFIG set)');
    return { provider: 'kubeconfig', kubeconfigPath: resolve(options.kubeconfig) };
  }
  throw new UsageError(`--cluster ${options.cluster}: unknown provider; use local or kubeconfig (kind and k3s come in a later release)`);
}

function parseProfile(value: string): LoadProfile {
  const profile = loadProfiles.find((candidate) => candidate === value);
  if (!profile) throw new InvalidArgumentError(`use one of ${loadProfiles.join(', ')}`);
  return profile;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
