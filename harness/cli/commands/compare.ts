// `gauntlet compare BASE NEW`: per scenario and metric the change between two runs and whether it is
// significant (tests named in the output), thresholds per metric, exit code 1 when something regressed
// significantly (a scenario that passed and now fails always does), 0 otherwise, 2 for bad input. Text, Markdown
// or JSON on stdout; --html and --markdown write files; --history keeps runs and draws trends.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type CompareOutcome, comparePaths, DEFAULT_HISTORY_KEEP } from '../../compare/compare-paths.ts';
import { renderComparisonHtml } from '../../compare/render-html.ts';
import { renderComparisonMarkdown } from '../../compare/render-markdown.ts';
import { renderComparisonText } from '../../compare/render-text.ts';
import { trendSummaryLines } from '../../compare/render-trends.ts';
import { applyThresholdOption, defaultSettings } from '../../compare/thresholds.ts';
import { applyThresholdsFile } from '../../compare/thresholds-file.ts';
import { withExamples } from '../help-examples.ts';
import { jsonOutput } from '../json-output.ts';
import { UsageError } from '../usage-error.ts';

interface CompareOptions {
  threshold: string[];
  thresholds?: string;
  alpha?: string;
  format: string;
  json?: boolean;
  html?: string;
  markdown?: string;
  history?: string;
  keep: string;
}

export function registerCompareCommand(program: Command): void {
  const command = program
    .command('compare')
    .description('compare two runs: per scenario and metric the change, its significance and a verdict; exit 1 on a significant regression')
    .argument('<runs...>', 'BASE NEW: run folders (reports/<run-id>) or their results.json; or only NEW with --history')
    .option('--threshold <[scenario:]metric=value>', 'how large a significant change must be to count, e.g. latency.p99=50%,2ms (repeatable; see below)', collect, [])
    .option('--thresholds <file>', 'a YAML or JSON file with alpha, thresholds and per-scenario thresholds')
    .option('--alpha <p>', 'significance level over all tests of the comparison (Holm-adjusted); default 0.01')
    .option('--format <format>', 'what stdout gets: text, markdown or json', 'text')
    .option('--json', 'the same as --format json')
    .option('--html <file>', 'also write the comparison as an HTML page with both runs’ charts overlaid')
    .option('--markdown <file>', 'also write the comparison as Markdown (a CI job summary)')
    .option('--history <dir>', 'keep the runs in DIR/runs, draw every metric’s trend in DIR/trends.html; with only NEW, compare with the newest kept run')
    .option('--keep <count>', 'how many runs the history keeps', String(DEFAULT_HISTORY_KEEP))
    .action(async (runs: string[], options: CompareOptions) => {
      const format = options.json ? 'json' : options.format;
      if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError(`--format ${format}: use text, markdown or json`);
      if (format === 'json') jsonOutput.enable();
      const settings = defaultSettings();
      if (options.thresholds) await applyThresholdsFile(settings, options.thresholds);
      for (const option of options.threshold) applyThresholdOption(settings, option);
      if (options.alpha !== undefined) {
        const alpha = Number(options.alpha);
        if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha ${options.alpha}: give a probability between 0 and 1, e.g. 0.01`);
        settings.alpha = alpha;
      }
      const outcome = await comparePaths({
        runs,
        settings,
        ...(options.history === undefined ? {} : { historyDir: options.history }),
        keep: Number(options.keep),
      });
      await writeFiles(outcome, options);
      process.stdout.write(render(outcome, format));
      process.exitCode = outcome.comparison?.verdict === 'regressed' ? 1 : 0;
    });
  command.addHelpText(
    'after',
    `
Metrics (per scenario with a load phase in both runs) and their tests:
  latency       Mann-Whitney U over every request (HDR histograms); change: Vargha-Delaney A = P(new slower)
  latency.p50, latency.p90, latency.p99
                Mood's quantile test at the pooled percentile
  throughput    Mann-Whitney U on the responses of each second
  errors        chi-square, or Fisher's exact test for small counts, on failed versus all requests
A scenario that passed in BASE and fails in NEW is a regression whatever the numbers say.
Threshold values: 50% (relative), 2ms (latency), 100/s (throughput), 0.5% (errors: points of the
error rate), 0.71 (latency: A); parts joined by a comma must all be exceeded.
Defaults: latency=0.71, latency.p50=50%,1ms, latency.p90=50%,1ms, latency.p99=75%,2ms, throughput=35%, errors=1%.`,
  );
  withExamples(command, [
    ['gauntlet compare reports/20261201-020000-ab12 reports/latest', 'the last run against a chosen one: a table, exit code 1 on a significant regression'],
    ['gauntlet compare base/ new/ --format markdown >> "$GITHUB_STEP_SUMMARY"', 'Markdown for a CI job summary'],
    ['gauntlet compare base/ new/ --html comparison.html', 'both runs’ latency curves and throughput overlaid, in one file'],
    ['gauntlet compare --history ~/gauntlet-nightly reports/latest', 'nightly: compare with the previous kept run, keep this one, redraw trends.html'],
    ['gauntlet compare a/ b/ --threshold latency.p99=25%,1ms --threshold smoke-get:errors=0.1%', 'tighter thresholds, one for a single scenario'],
    ['gauntlet compare a/ b/ --json | jq .verdict', 'the comparison as JSON for scripts'],
  ]);
}

async function writeFiles(outcome: CompareOutcome, options: CompareOptions): Promise<void> {
  const { comparison } = outcome;
  if (!comparison) return;
  if (options.html) await writeFile(options.html, await renderComparisonHtml(comparison), 'utf8');
  if (options.markdown) await writeFile(options.markdown, renderComparisonMarkdown(comparison), 'utf8');
}

function render(outcome: CompareOutcome, format: string): string {
  const { comparison, history } = outcome;
  if (format === 'json') return `${JSON.stringify({ ...comparison, ...(history ? { history: { dir: history.dir, trendsFile: history.trendsFile, runs: history.trends.runs, warnings: history.warnings } } : {}) }, null, 2)}\n`;
  const parts: string[] = [];
  if (comparison) parts.push(format === 'markdown' ? renderComparisonMarkdown(comparison) : renderComparisonText(comparison));
  else parts.push('Nothing to compare with yet: the history held no earlier run. This run is kept; the next comparison uses it as its base.');
  if (history) {
    const summary = [`History: ${history.trends.runs.length} runs kept in ${history.dir}; trends drawn in ${history.trendsFile}`, ...trendSummaryLines(history.trends), ...history.warnings.map((warning) => `warning: ${warning}`)];
    parts.push(format === 'markdown' ? summary.map((line) => `- ${line}`).join('\n') : summary.join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
