// `gauntlet run --gateway-class a --gateway-class b`: runs every selected scenario against each class in turn
// (each a complete run with its own report folder; on the local cluster each class gets a fresh cluster), then
// finds the assertions on which they disagree, prints the table and adds it, as `sideBySide`, to every run's
// results.json so each report folder tells the whole comparison.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_FILES } from '../../report/write-reports.ts';
import { type RunGauntletOptions, type RunOutcome, runGauntlet } from '../run-gauntlet.ts';
import { findDisagreements, type SideBySideResult } from './disagreements.ts';
import { formatDisagreements } from './format-disagreements.ts';

export interface SideBySideOutcome {
  runs: RunOutcome[];
  sideBySide: SideBySideResult;
  /** Every run passed every scenario it ran. */
  passed: boolean;
}

export class SideBySideUsageError extends Error {
  readonly code = 'GAUNTLET_SIDE_BY_SIDE_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'SideBySideUsageError';
  }
}

export async function runSideBySide(options: Omit<RunGauntletOptions, 'gatewayClassName'>, gatewayClasses: string[]): Promise<SideBySideOutcome> {
  if (new Set(gatewayClasses).size !== gatewayClasses.length || gatewayClasses.length < 2) {
    throw new SideBySideUsageError(`a side-by-side run needs two or more different GatewayClasses (got ${gatewayClasses.join(', ')}); repeat --gateway-class`);
  }
  if (options.gatewayControllerName !== undefined) {
    throw new SideBySideUsageError('--gateway-controller-name names one class\'s controller: it cannot apply to every class of a side-by-side run');
  }
  const runs: RunOutcome[] = [];
  for (const gatewayClassName of gatewayClasses) {
    options.progress.info(`\n=== side by side: GatewayClass ${gatewayClassName} (${runs.length + 1} of ${gatewayClasses.length})`);
    runs.push(await runGauntlet({ ...options, gatewayClassName }));
  }
  const sideBySide = findDisagreements(runs.map((outcome) => outcome.run));
  options.progress.info(`\n${formatDisagreements(sideBySide)}`);
  for (const outcome of runs) {
    outcome.run.sideBySide = sideBySide;
    await writeFile(join(outcome.reportDir, REPORT_FILES.results), `${JSON.stringify(outcome.run, null, 2)}\n`, 'utf8');
  }
  return { runs, sideBySide, passed: runs.every((outcome) => outcome.passed) };
}
