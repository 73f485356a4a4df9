// `gauntlet report <run-dir>`: render a past run's reports again (index.html, summary.md, junit.xml, the
// ConformanceReport) from its results.json. Exit code 0 when written; 2 when the results file is missing or
// does not match docs/results.schema.json (the message names the file and each problem's JSON pointer).
import type { Command } from 'commander';
import { rerenderRun } from '../../report/rerender-run.ts';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("render a past run's reports again from its results.json")
    .argument('<run-dir>', 'a run folder (reports/<run-id>/, reports/latest) or its results.json')
    .option('--out <dir>', 'write the reports here instead of the run folder (results.json is copied along)')
    .addHelpText('after', ['', 'Examples:', '  gauntlet report reports/latest', '  gauntlet report reports/20261202-192041-3f2a --out /tmp/published-run'].join('\n'))
    .action(async (runDir: string, options: { out?: string }) => {
      const { dir, files } = await rerenderRun(runDir, options.out);
      process.stdout.write(`${files.map((file) => file.replace(`${dir}/`, '')).join(', ')} in ${dir}\n`);
    });
}
