// Turns one scenario (data) into a mocha suite of steps: apply manifests -> await status -> requests -> splits
// -> optional load phase, then cleanup. A step after a failed one is reported as skipped with the reason, never
// silently dropped, and cleanup always runs.
import Mocha from 'mocha';
import type { Scenario } from '../harness/scenario/scenario-types.ts';
import type { ScenarioSteps } from './steps/scenario-steps.ts';

export const NOT_RUN_AFTER_FAILURE = 'not run: an earlier step of this scenario failed';

const suiteScenarios = new WeakMap<Mocha.Suite, Scenario>();

/** The scenario a mocha suite was built from, for reporters. */
export function scenarioOfSuite(suite: Mocha.Suite | undefined): Scenario | undefined {
  return suite ? suiteScenarios.get(suite) : undefined;
}

export function addScenarioSuite(parent: Mocha.Suite, scenario: Scenario, steps: ScenarioSteps): Mocha.Suite {
  const suite = Mocha.Suite.create(parent, scenario.id);
  suiteScenarios.set(suite, scenario);
  let failed = false;
  const step = (title: string, body: () => Promise<void>) => {
    suite.addTest(
      new Mocha.Test(title, async function (this: Mocha.Context) {
        if (failed) {
          if (this.test) this.test.title = `${title} (${NOT_RUN_AFTER_FAILURE})`;
          this.skip();
        }
        try {
          await body();
        } catch (error) {
          failed = true;
          throw error;
        }
      }),
    );
  };

  step('apply manifests', () => steps.apply(scenario));
  for (const awaited of scenario.await) {
    step(`status: ${awaited.kind} ${awaited.namespace}/${awaited.name}`, () => steps.awaitStatus(awaited));
  }
  for (const request of scenario.requests) step(`request: ${request.name}`, () => steps.request(request));
  for (const split of scenario.splits) step(`split: ${split.name}`, () => steps.split(split));
  const load = scenario.load;
  if (load) {
    step(`load: ${load.connections} connections for ${load.durationSeconds}s`, () => steps.load(scenario, load));
  }
  suite.afterAll('cleanup', () => steps.cleanup(scenario));
  return suite;
}
