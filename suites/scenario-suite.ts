// Turns one scenario (data) into a mocha suite of steps: apply manifests -> await status -> requests -> splits
// -> each `then` phase (delete, apply, await, requests, splits; step names prefixed with the phase name) ->
// each load run -> route propagation -> route scale, then cleanup. A step after a failed one is reported as skipped with the reason, never
// silently dropped, and cleanup always runs.
import Mocha from 'mocha';
import type { LoadSpec, LocatedManifest, Scenario } from '../harness/scenario/scenario-types.ts';
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
  addChecks(step, '', scenario, steps);
  for (const phase of scenario.phases) {
    const prefix = `${phase.name}: `;
    if (phase.delete.length > 0) step(`${prefix}delete ${phase.delete.map(describeObject).join(', ')}`, () => steps.deletePhaseObjects(phase));
    if (phase.apply.length > 0) step(`${prefix}apply manifests`, () => steps.applyPhaseManifests(phase));
    addChecks(step, prefix, phase, steps);
  }
  for (const load of scenario.loads) step(`load: ${describeLoad(load)}`, () => steps.load(scenario, load));
  const { propagation, routeScale } = scenario;
  if (propagation) step(`propagation: ${propagation.measuredRoutes} routes among ${propagation.existingRoutes}`, () => steps.propagation(scenario, propagation));
  if (routeScale) step(`route scale: ${routeScale.routes} routes`, () => steps.routeScale(scenario, routeScale));
  suite.afterAll('cleanup', () => steps.cleanup(scenario));
  return suite;
}

type AddStep = (title: string, body: () => Promise<void>) => void;

/** The expectation steps shared by the scenario itself and each of its phases, in this order. */
function addChecks(step: AddStep, prefix: string, checks: Pick<Scenario, 'await' | 'requests' | 'splits'>, steps: ScenarioSteps): void {
  for (const awaited of checks.await) {
    // Cluster-scoped kinds (GatewayClass) have no namespace to show.
    const name = awaited.namespace === '' ? awaited.name : `${awaited.namespace}/${awaited.name}`;
    step(`${prefix}status: ${awaited.kind} ${name}`, () => steps.awaitStatus(awaited));
  }
  for (const request of checks.requests) step(`${prefix}request: ${request.name}`, () => steps.request(request));
  for (const split of checks.splits) step(`${prefix}split: ${split.name}`, () => steps.split(split));
}

function describeLoad(load: LoadSpec): string {
  const how = load.model === 'open' ? `${load.rate}/s open model` : 'closed model';
  const name = load.name === 'load' ? '' : `${load.name}, `;
  return `${name}${how}, ${load.connections} connections for ${load.durationSeconds}s${load.engine === 'gauntlet' ? '' : ` (${load.engine})`}`;
}

function describeObject(manifest: LocatedManifest): string {
  const { kind, metadata } = manifest.object;
  return `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name}`;
}
