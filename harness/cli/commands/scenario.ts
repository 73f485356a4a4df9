// `gauntlet scenario lint [paths...]`: check scenario files without a cluster. Exit code 0 when every file is
// clean, 1 when there are problems (each printed as file:line:column: message), 2 when a path does not exist.
// `gauntlet scenario new <id>`: a new scenario folder from a commented template that lints clean and passes
// against the reference implementation as written.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultScenariosRoot } from '../../run/project-paths.ts';
import { SCENARIO_SCHEMA_FILE } from '../../scenario/format/json-schema-file.ts';
import { lintScenarios } from '../../scenario/lint-scenarios.ts';
import { withExamples } from '../help-examples.ts';
import { jsonOutput } from '../json-output.ts';
import { scenarioTemplate, type TemplateKind } from '../scenario-template.ts';
import { UsageError } from '../usage-error.ts';

export function registerScenarioCommand(program: Command): void {
  const scenario = program.command('scenario').description('work with scenario files: new, lint');
  withExamples(scenario, [
    ['gauntlet scenario new my-case', 'scenarios/conformance/my-case/ from a commented template'],
    ['gauntlet scenario lint scenarios/conformance/my-case', 'check it without a cluster'],
  ]);
  const lint = scenario
    .command('lint')
    .description('check scenario files (and the manifests they name) and report every problem with file:line:column')
    .argument('[paths...]', 'scenario folders, scenario.yaml files, or folders of scenarios (default: the scenarios shipped with gauntlet)')
    .option('--json', 'print {"clean", "problems", "summary"} on stdout')
    .action(async (paths: string[], options: { json?: boolean }) => {
      if (options.json) jsonOutput.enable();
      const result = await lintScenarios(paths.length > 0 ? paths : [defaultScenariosRoot]);
      process.exitCode = result.exitCode;
      if (options.json) {
        jsonOutput.write({ clean: result.exitCode === 0, problems: result.lines.slice(0, result.exitCode === 2 ? undefined : -1), summary: result.lines.at(-1) ?? '' });
        return;
      }
      const out = result.exitCode === 2 ? process.stderr : process.stdout;
      out.write(`${result.lines.join('\n')}\n`);
    });
  withExamples(lint, [
    ['gauntlet scenario lint', 'every scenario shipped with gauntlet'],
    ['gauntlet scenario lint scenarios/conformance/my-case scenarios/load', 'one scenario and a folder of them'],
    ['gauntlet scenario lint my-scenarios --json | jq -r ".problems[]"', 'problems for a script'],
  ]);
  const create = scenario
    .command('new')
    .description('create a scenario folder from a commented template: scenario.yaml and manifests.yaml')
    .argument('<id>', 'the scenario id and folder name: lowercase letters, digits and "-"')
    .option('--kind <kind>', 'conformance, or load (with a load phase)', 'conformance')
    .option('--dir <folder>', 'the scenarios folder to create it in (its conformance/ or load/ subfolder)', 'scenarios')
    .action(async (id: string, options: { kind: string; dir: string }) => {
      if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(id)) {
        throw new UsageError(`scenario id "${id}": use lowercase letters, digits and "-", starting and ending with a letter or digit (at most 63), e.g. my-route-case`);
      }
      if (options.kind !== 'conformance' && options.kind !== 'load') throw new UsageError(`--kind ${options.kind}: use conformance or load`);
      const folder = resolve(options.dir, options.kind, id);
      if (existsSync(folder)) throw new UsageError(`${folder} exists already; pick another id, or remove it first (nothing was written)`);
      const files = scenarioTemplate({ id, kind: options.kind as TemplateKind, schemaPath: relative(folder, SCENARIO_SCHEMA_FILE) });
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'scenario.yaml'), files.scenario, 'utf8');
      await writeFile(join(folder, 'manifests.yaml'), files.manifests, 'utf8');
      const shown = relative(process.cwd(), folder) || folder;
      const guide = join(dirname(SCENARIO_SCHEMA_FILE), 'scenarios.md');
      process.stdout.write(
        `Created ${join(shown, 'scenario.yaml')} and ${join(shown, 'manifests.yaml')}.\n` +
          `Check it:  gauntlet scenario lint ${shown}\n` +
          `Run it:    gauntlet run --scenario ${shown}\n` +
          `Fields:    ${relative(process.cwd(), guide).startsWith('..') ? guide : relative(process.cwd(), guide)} (and completion in editors that read the $schema line)\n`,
      );
    });
  withExamples(create, [
    ['gauntlet scenario new httproute-my-case', 'scenarios/conformance/httproute-my-case/'],
    ['gauntlet scenario new my-load --kind load --dir ~/my-scenarios', '~/my-scenarios/load/my-load/, with a load phase'],
  ]);
}
