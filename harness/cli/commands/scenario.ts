// `gauntlet scenario lint [paths...]`: check scenario files without a cluster. Exit code 0 when every file is
// clean, 1 when there are problems (each printed as file:line:column: message), 2 when a path does not exist.
import type { Command } from 'commander';
import { defaultScenariosRoot } from '../../run/project-paths.ts';
import { lintScenarios } from '../../scenario/lint-scenarios.ts';

export function registerScenarioCommand(program: Command): void {
  const scenario = program.command('scenario').description('work with scenario files');
  scenario
    .command('lint')
    .description('check scenario files (and the manifests they name) and report every problem with file:line:column')
    .argument('[paths...]', 'scenario folders, scenario.yaml files, or folders of scenarios (default: the scenarios folder)')
    .action(async (paths: string[]) => {
      const result = await lintScenarios(paths.length > 0 ? paths : [defaultScenariosRoot]);
      const out = result.exitCode === 2 ? process.stderr : process.stdout;
      out.write(`${result.lines.join('\n')}\n`);
      process.exitCode = result.exitCode;
    });
}
