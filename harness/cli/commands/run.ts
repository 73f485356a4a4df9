// `gauntlet run`: the main job. Exit code 0 only when every selected scenario passed; 1 when one failed;
// 2 when the run could not be made (bad scenario file, cluster would not start, ...).
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { GatewayApiChannel } from '../../kube/gateway-api-crds.ts';
import { addClusterFlags, type ClusterFlagValues, clusterChoiceFrom } from '../../run/cluster-flags.ts';
import { addImplementationFlags, featureSelectionFrom, type ImplementationFlagValues, implementationInfoFrom } from '../../run/implementation-flags.ts';
import { createProgress } from '../../run/progress.ts';
import { defaultScenariosRoot } from '../../run/project-paths.ts';
import { REFERENCE_GATEWAY_CLASS } from '../../run/reference-class.ts';
import { runGauntlet } from '../../run/run-gauntlet.ts';
import { runSideBySide } from '../../run/side-by-side/run-side-by-side.ts';
import { type LoadProfile, loadProfiles } from '../../scenario/format/load-format.ts';
import { CHANNEL_OPTION_DESCRIPTION, parseChannel } from '../channel-option.ts';

interface RunCommandOptions extends ImplementationFlagValues, ClusterFlagValues {
  scenario: string[];
  gatewayClass: string[];
  gatewayControllerName?: string;
  channel: GatewayApiChannel;
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
  const command = program
    .command('run')
    .description('run scenarios against a Gateway API implementation and write reports')
    .option('--scenario <id-or-path>', 'a scenario id, a scenario folder or file, or a folder of scenarios (repeatable)', collect, [])
    .option(
      '--gateway-class <name>',
      'the GatewayClass under test (default gauntlet: the reference implementation, installed by the run; gauntlet-altered: a copy deviating in one behaviour); repeat it to run side by side and list where the classes disagree',
      collect,
      [],
    )
    .option('--gateway-controller-name <name>', "the class's spec.controllerName, for scenarios that create a GatewayClass (known for \"gauntlet\")")
    .option('--channel <channel>', CHANNEL_OPTION_DESCRIPTION, parseChannel, 'standard')
    .option('--reports-dir <dir>', 'where run folders are written', 'reports')
    .option('--profile <profile>', 'the size of load scenarios: smoke (seconds of load) or nightly (longer, more routes)', parseProfile, 'smoke');
  addImplementationFlags(addClusterFlags(command)).action(async (options: RunCommandOptions) => {
    const gatewayClasses = options.gatewayClass.length > 0 ? options.gatewayClass : [REFERENCE_GATEWAY_CLASS];
    const runOptions = {
      scenariosRoot: defaultScenariosRoot,
      scenarios: options.scenario,
      ...(options.gatewayControllerName === undefined ? {} : { gatewayControllerName: options.gatewayControllerName }),
      channel: options.channel,
      cluster: clusterChoiceFrom(options),
      ...(options.echoImage ? { echoImage: options.echoImage } : {}),
      reportsRoot: resolve(options.reportsDir),
      progress: createProgress(),
      features: featureSelectionFrom(options),
      implementation: implementationInfoFrom(options),
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      profile: options.profile,
    };
    const outcome = gatewayClasses.length > 1 ? await runSideBySide(runOptions, gatewayClasses) : await runGauntlet({ ...runOptions, gatewayClassName: gatewayClasses[0] ?? REFERENCE_GATEWAY_CLASS });
    process.exitCode = outcome.passed ? 0 : 1;
  });
}

function parseProfile(value: string): LoadProfile {
  const profile = loadProfiles.find((candidate) => candidate === value);
  if (!profile) throw new InvalidArgumentError(`use one of ${loadProfiles.join(', ')}`);
  return profile;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
