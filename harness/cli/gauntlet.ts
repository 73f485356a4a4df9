#!/usr/bin/env node
// The `gauntlet` command: run scenarios against a Gateway API implementation, keep a cluster up for kubectl, or
// check scenario files. Before any command, what runs of this checkout left behind when they died (kill -9) is
// stopped and said.
import { Command } from 'commander';
import { cleanUpDeadRuns } from '../run/dead-runs.ts';
import { defaultLiveRunsDir } from '../run/live-runs.ts';
import { registerDownCommand } from './commands/down.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerScenarioCommand } from './commands/scenario.ts';
import { registerServeClusterCommand } from './commands/serve-cluster.ts';
import { registerStatusCommand } from './commands/status.ts';
import { registerUpCommand } from './commands/up.ts';
import { exitWithError } from './exit-with-error.ts';

const program = new Command('gauntlet')
  .description('Conformance and load testing for Kubernetes Gateway API implementations')
  .showHelpAfterError();

registerRunCommand(program);
registerUpCommand(program);
registerDownCommand(program);
registerScenarioCommand(program);
registerStatusCommand(program);
registerReportCommand(program);
registerServeClusterCommand(program);

program.hook('preAction', async (_program, command) => {
  if (command.name() === 'serve-cluster') return; // its `up` has just done it
  await cleanUpDeadRuns(defaultLiveRunsDir(), (line) => process.stderr.write(`${line}\n`));
});

program.parseAsync(process.argv).catch(exitWithError);
