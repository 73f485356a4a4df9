#!/usr/bin/env node
// The `gauntlet` command: run scenarios against a Gateway API implementation, keep a cluster up for kubectl, or
// check scenario files.
import { Command } from 'commander';
import { registerDownCommand } from './commands/down.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerScenarioCommand } from './commands/scenario.ts';
import { registerServeClusterCommand } from './commands/serve-cluster.ts';
import { registerUpCommand } from './commands/up.ts';
import { exitWithError } from './exit-with-error.ts';

const program = new Command('gauntlet')
  .description('Conformance and load testing for Kubernetes Gateway API implementations')
  .showHelpAfterError();

registerRunCommand(program);
registerUpCommand(program);
registerDownCommand(program);
registerScenarioCommand(program);
registerServeClusterCommand(program);

program.parseAsync(process.argv).catch(exitWithError);
