// `gauntlet run`: the main job. Exit code 0 only when every selected scenario passed; 1 when one failed;
// 2 when the run could not be made (bad scenario file, cluster would not start, ...); 130/143 when interrupted
// (Ctrl-C stops traffic, tears down and writes the partial report; a second Ctrl-C exits at once).
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { GatewayApiChannel } from '../../kube/gateway-api-crds.ts';
import { countOutcomes } from '../../report/run-result.ts';
import { addClusterFlags, type ClusterFlagValues, clusterChoiceFrom } from '../../run/cluster-flags.ts';
import { addImplementationFlags, featureSelectionFrom, type ImplementationFlagValues, implementationInfoFrom } from '../../run/implementation-flags.ts';
import { createProgress, type Progress } from '../../run/progress.ts';
import { defaultScenariosRoot } from '../../run/project-paths.ts';
import { REFERENCE_GATEWAY_CLASS } from '../../run/reference-class.ts';
import { type RunGauntletOptions, type RunOutcome, runGauntlet } from '../../run/run-gauntlet.ts';
import { runSideBySide } from '../../run/side-by-side/run-side-by-side.ts';
import { addStaticAddressFlags, type StaticAddressFlagValues } from '../../run/static-address-flags.ts';
import { windDownOnInterrupt } from '../../run/stop-on-interrupt.ts';
import { type LoadProfile, loadProfiles } from '../../scenario/format/load-format.ts';
import { CHANNEL_OPTION_DESCRIPTION, parseChannel } from '../channel-option.ts';
import { withExamples } from '../help-examples.ts';
import { jsonOutput } from '../json-output.ts';
import { createLiveProgress } from '../live-progress.ts';

interface RunCommandOptions extends ImplementationFlagValues, ClusterFlagValues, StaticAddressFlagValues {
  scenario: string[];
  gatewayClass: string[];
  gatewayControllerName?: string;
  channel: GatewayApiChannel;
  reportsDir: string;
  json?: boolean;
  profile: LoadProfile;
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
    .option('--profile <profile>', 'the size of load scenarios: smoke (seconds of load) or nightly (longer, more routes)', parseProfile, 'smoke')
    .option('--json', 'print the outcome (run id, report folder, counts, each scenario) as JSON on stdout');
  addStaticAddressFlags(addImplementationFlags(addClusterFlags(command))).action(async (options: RunCommandOptions) => {
    if (options.json) jsonOutput.enable();
    const gatewayClasses = options.gatewayClass.length > 0 ? options.gatewayClass : [REFERENCE_GATEWAY_CLASS];
    const interruption = new AbortController();
    const release = windDownOnInterrupt((signal) => interruption.abort(signal));
    try {
      const runOptions = runOptionsFrom(options, interruption.signal);
      const outcomes =
        gatewayClasses.length > 1 ? (await runSideBySide(runOptions, gatewayClasses)).runs : [await runGauntlet({ ...runOptions, gatewayClassName: gatewayClasses[0] ?? REFERENCE_GATEWAY_CLASS })];
      if (options.json) jsonOutput.write(outcomes.length === 1 ? outcomeJson(outcomes[0] as RunOutcome) : { runs: outcomes.map(outcomeJson) });
      process.exitCode = exitCodeOf(outcomes);
      // Interrupted: the partial report is written and the cluster stopped; whatever the cut-short step left
      // running (a load generator finishing its duration) must not keep the process alive.
      if (outcomes.some((outcome) => outcome.interrupted)) process.exit(process.exitCode);
    } finally {
      release();
    }
  });
  withExamples(command, [
    ['gauntlet run', 'every scenario, on an embedded local cluster with the reference implementation'],
    ['gauntlet run --scenario httproute-matching --scenario scenarios/load', 'one scenario by id and a folder of them'],
    ['gauntlet run --cluster kubeconfig --kubeconfig ~/.kube/config --gateway-class theirs', 'another implementation on an existing cluster'],
    ['gauntlet run --gateway-class gauntlet --gateway-class gauntlet-altered', 'two implementations side by side, and where they disagree'],
    ['gauntlet run --scenario scenarios/load --profile nightly', 'the load scenarios at their nightly sizes'],
    ['gauntlet run --channel experimental', 'with the experimental CRDs, and the scenarios that need them'],
    ['gauntlet run --json | jq .counts', 'the outcome for a script (progress stays on stderr)'],
  ]);
}

function runOptionsFrom(options: RunCommandOptions, signal: AbortSignal): Omit<RunGauntletOptions, 'gatewayClassName'> {
  return {
    scenariosRoot: defaultScenariosRoot,
    scenarios: options.scenario,
    ...(options.gatewayControllerName === undefined ? {} : { gatewayControllerName: options.gatewayControllerName }),
    channel: options.channel,
    cluster: clusterChoiceFrom(options),
    ...(options.echoImage ? { echoImage: options.echoImage } : {}),
    reportsRoot: resolve(options.reportsDir),
    progress: progressFor(process.stderr),
    features: featureSelectionFrom(options),
    implementation: implementationInfoFrom(options),
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    profile: options.profile,
    staticAddresses: { ...(options.usableAddress ? { usableAddress: options.usableAddress } : {}), ...(options.unusableAddress ? { unusableAddress: options.unusableAddress } : {}) },
    signal,
  };
}

/** 130/143 when interrupted, 1 when a scenario failed, 0 otherwise. */
function exitCodeOf(outcomes: RunOutcome[]): number {
  const interrupted = outcomes.find((outcome) => outcome.interrupted)?.interrupted;
  if (interrupted) return interrupted === 'SIGTERM' ? 143 : 130;
  return outcomes.every((outcome) => outcome.passed) ? 0 : 1;
}

/** A live status line on a terminal; plain lines in logs and pipes. */
function progressFor(stream: NodeJS.WriteStream): Progress {
  return stream.isTTY ? createLiveProgress(stream) : createProgress();
}

function outcomeJson(outcome: RunOutcome): Record<string, unknown> {
  const { run } = outcome;
  return {
    runId: run.runId,
    gatewayClass: run.gatewayClass,
    reportDir: outcome.reportDir,
    passed: outcome.passed,
    ...(outcome.interrupted ? { interrupted: outcome.interrupted } : {}),
    counts: countOutcomes(run.scenarios),
    scenarios: run.scenarios.map((scenario) => ({ id: scenario.id, outcome: scenario.outcome, durationMs: scenario.durationMs, ...(scenario.skippedBecause ? { skippedBecause: scenario.skippedBecause } : {}) })),
  };
}

function parseProfile(value: string): LoadProfile {
  const profile = loadProfiles.find((candidate) => candidate === value);
  if (!profile) throw new InvalidArgumentError(`use one of ${loadProfiles.join(', ')}`);
  return profile;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
