// `gauntlet run`: the main job. Exit code 0 only when every selected scenario passed; 1 when one failed;
// 2 when the run could not be made (bad scenario file, cluster would not start, ...); 130/143 when interrupted
// (Ctrl-C stops traffic, tears down and writes the partial report; a second Ctrl-C exits at once).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { GatewayApiChannel } from '../../kube/gateway-api-crds.ts';
import { countOutcomes } from '../../report/run-result.ts';
import { createProgress, type Progress } from '../../run/progress.ts';
import { defaultScenariosRoot } from '../../run/project-paths.ts';
import { REFERENCE_GATEWAY_CLASS } from '../../run/reference-class.ts';
import { type RunOutcome, runGauntlet } from '../../run/run-gauntlet.ts';
import { windDownOnInterrupt } from '../../run/stop-on-interrupt.ts';
import { CHANNEL_OPTION_DESCRIPTION, parseChannel } from '../channel-option.ts';
import { withExamples } from '../help-examples.ts';
import { jsonOutput } from '../json-output.ts';
import { createLiveProgress } from '../live-progress.ts';
import { UsageError } from '../usage-error.ts';

interface RunCommandOptions {
  scenario: string[];
  gatewayClass: string;
  gatewayControllerName?: string;
  channel: GatewayApiChannel;
  cluster: string;
  kubeconfig?: string;
  reportsDir: string;
  json?: boolean;
}

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run scenarios against a Gateway API implementation and write reports')
    .option('--scenario <id-or-path>', 'a scenario id, a scenario folder or file, or a folder of scenarios (repeatable)', collect, [])
    .option('--gateway-class <name>', 'the GatewayClass under test (the reference implementation is installed for "gauntlet")', REFERENCE_GATEWAY_CLASS)
    .option('--gateway-controller-name <name>', "the class's spec.controllerName, for scenarios that create a GatewayClass (known for \"gauntlet\")")
    .option('--channel <channel>', CHANNEL_OPTION_DESCRIPTION, parseChannel, 'standard')
    .option('--cluster <provider>', 'local (embedded, started and stopped by the run) or kubeconfig (an existing cluster)', 'local')
    .option('--kubeconfig <path>', 'kubeconfig of the existing cluster (with --cluster kubeconfig)', process.env.KUBECONFIG)
    .option('--reports-dir <dir>', 'where run folders are written', 'reports')
    .option('--json', 'print the outcome (run id, report folder, counts, each scenario) as JSON on stdout')
    .action(async (options: RunCommandOptions) => {
      if (options.json) jsonOutput.enable();
      const interruption = new AbortController();
      const release = windDownOnInterrupt((signal) => interruption.abort(signal));
      const outcome = await runGauntlet({
        scenariosRoot: defaultScenariosRoot,
        scenarios: options.scenario,
        gatewayClassName: options.gatewayClass,
        ...(options.gatewayControllerName === undefined ? {} : { gatewayControllerName: options.gatewayControllerName }),
        channel: options.channel,
        cluster: clusterChoice(options),
        reportsRoot: resolve(options.reportsDir),
        progress: progressFor(process.stderr),
        signal: interruption.signal,
      }).finally(release);
      if (options.json) jsonOutput.write(outcomeJson(outcome));
      process.exitCode = outcome.interrupted ? (outcome.interrupted === 'SIGTERM' ? 143 : 130) : outcome.passed ? 0 : 1;
    });
  withExamples(command, [
    ['gauntlet run', 'every scenario, on an embedded local cluster with the reference implementation'],
    ['gauntlet run --scenario httproute-matching --scenario scenarios/load', 'one scenario by id and a folder of them'],
    ['gauntlet run --cluster kubeconfig --kubeconfig ~/.kube/config --gateway-class theirs', 'another implementation on an existing cluster'],
    ['gauntlet run --channel experimental', 'with the experimental CRDs, and the scenarios that need them'],
    ['gauntlet run --json | jq .counts', 'the outcome for a script (progress stays on stderr)'],
  ]);
}

/** A live status line on a terminal; plain lines in logs and pipes. */
function progressFor(stream: NodeJS.WriteStream): Progress {
  return stream.isTTY ? createLiveProgress(stream) : createProgress();
}

function outcomeJson(outcome: RunOutcome): Record<string, unknown> {
  const { run } = outcome;
  return {
    runId: run.runId,
    reportDir: outcome.reportDir,
    passed: outcome.passed,
    ...(outcome.interrupted ? { interrupted: outcome.interrupted } : {}),
    counts: countOutcomes(run.scenarios),
    scenarios: run.scenarios.map((scenario) => ({ id: scenario.id, outcome: scenario.outcome, durationMs: scenario.durationMs, ...(scenario.skippedBecause ? { skippedBecause: scenario.skippedBecause } : {}) })),
  };
}

function clusterChoice(options: RunCommandOptions): { provider: 'local' } | { provider: 'kubeconfig'; kubeconfigPath: string } {
  if (options.cluster === 'local') return { provider: 'local' };
  if (options.cluster === 'kubeconfig') {
    if (!options.kubeconfig) throw new UsageError('--cluster kubeconfig needs --kubeconfig <path> (or KUBECONFIG set)');
    return { provider: 'kubeconfig', kubeconfigPath: resolve(options.kubeconfig) };
  }
  throw new UsageError(`--cluster ${options.cluster}: unknown provider; use local or kubeconfig (kind and k3s come in a later release)`);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
