#!/usr/bin/env node
// The `gauntlet` command: run scenarios against a Gateway API implementation, keep a cluster up for kubectl,
// compare runs, or check scenario files. Before any command, what runs of this checkout left behind when they
// died (kill -9) is stopped and said. Exit codes: 0 done, 1 the verdict is "failed" (a scenario, a
// regression), 2 the command could not do its job (bad input, a cluster that would not start).
import { Command, type CommanderError } from 'commander';
import { cleanUpDeadRuns } from '../run/dead-runs.ts';
import { defaultLiveRunsDir } from '../run/live-runs.ts';
import { registerCompareCommand } from './commands/compare.ts';
import { registerDownCommand } from './commands/down.ts';
import { registerGrpcCallCommand } from './commands/grpc-call.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerScenarioCommand } from './commands/scenario.ts';
import { registerServeClusterCommand } from './commands/serve-cluster.ts';
import { registerStatusCommand } from './commands/status.ts';
import { registerUpCommand } from './commands/up.ts';
import { enableDebug, exitWithError } from './exit-with-error.ts';
import { withExamples } from './help-examples.ts';

const program = new Command('gauntlet')
  .description('Conformance and load testing for Kubernetes Gateway API implementations')
  .option('--debug', 'print stack traces with errors (also GAUNTLET_DEBUG=1)')
  .showHelpAfterError('(add --help for the options and examples)')
  // A mistyped option is bad input like any other: exit code 2, never the 1 of a failed verdict. Inherited by
  // every command registered below.
  .exitOverride((error: CommanderError) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  });
withExamples(program, [
  ['gauntlet run', 'every scenario against the reference implementation on an embedded local cluster'],
  ['gauntlet run --scenario scenarios/conformance/httproute-matching', 'one scenario'],
  ['eval "$(gauntlet up)" && kubectl get gateways -A', 'a cluster to look at with kubectl'],
  ['gauntlet scenario new my-case && gauntlet scenario lint', 'start a scenario from a commented template, then check it'],
  ['gauntlet compare reports/<run-id> reports/latest', 'did the last run get slower or start failing?'],
  ['gauntlet <command> --help', 'options and examples of a command'],
]);

registerRunCommand(program);
registerUpCommand(program);
registerDownCommand(program);
registerScenarioCommand(program);
registerStatusCommand(program);
registerCompareCommand(program);
registerReportCommand(program);
registerGrpcCallCommand(program);
registerServeClusterCommand(program);

program.hook('preAction', async (_program, command) => {
  if (program.opts().debug) enableDebug();
  if (command.name() === 'serve-cluster') return; // its `up` has just done it
  await cleanUpDeadRuns(defaultLiveRunsDir(), (line) => process.stderr.write(`${line}\n`));
});

program.parseAsync(process.argv).catch(exitWithError);
