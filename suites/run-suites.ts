// Runs scenarios through mocha: one suite per scenario, steps as tests, our collector as the reporter. An
// aborted `signal` (Ctrl-C) ends the step under way at once and runs no further scenario; the records hold
// what ran.
import Mocha from 'mocha';
import type { Scenario } from '../harness/scenario/scenario-types.ts';
import { addScenarioSuite } from './scenario-suite.ts';
import { type ScenarioObserver, type ScenarioRecord, StepCollector } from './step-collector.ts';
import type { ScenarioSteps } from './steps/scenario-steps.ts';

export async function runScenarioSuites(
  scenarios: Scenario[],
  steps: ScenarioSteps,
  write: (line: string) => void,
  options: { signal?: AbortSignal; observer?: ScenarioObserver } = {},
): Promise<ScenarioRecord[]> {
  const collector = new StepCollector(write, options.observer);
  // A reporter that only hands the runner to the collector: mocha's own output would interleave with ours.
  class CollectingReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      collector.attach(runner);
    }
  }
  const mocha = new Mocha({ reporter: CollectingReporter, timeout: 0 });
  for (const scenario of scenarios) addScenarioSuite(mocha.suite, scenario, steps, options.signal);
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    options.signal?.addEventListener('abort', () => runner.abort(), { once: true });
  });
  mocha.dispose();
  return collector.records;
}
