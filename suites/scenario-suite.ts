// Turns one scenario (data) into a mocha suite of steps: apply manifests -> await status -> requests -> splits
// -> each `then` phase (delete, apply, await, requests, splits; step names prefixed with the phase name) ->
// each load run -> route propagation -> route scale, then cleanup. A step after a failed one is reported as
// skipped with the reason, never silently dropped, and cleanup always runs. What each step leaves for the report
// besides its outcome (route propagation, split counts, objects' status on failure) is gathered by
// scenario-step.ts. When the run is interrupted (`signal`), the step under way stops waiting at once and is
// reported as skipped, marked INTERRUPTED_STEP_SUFFIX.
import Mocha from 'mocha';
import type { LoadSpec, LocatedManifest, Scenario } from '../harness/scenario/scenario-types.ts';
import { awaitedRef, gatewayRef } from './observed-refs.ts';
import { type AddStep, createStepAdder } from './scenario-step.ts';
import type { ScenarioSteps } from './steps/scenario-steps.ts';

export const NOT_RUN_AFTER_FAILURE = 'not run: an earlier step of this scenario failed';
export { INTERRUPTED_STEP_SUFFIX } from './until-aborted.ts';

const suiteScenarios = new WeakMap<Mocha.Suite, Scenario>();

/** The scenario a mocha suite was built from, for reporters. */
export function scenarioOfSuite(suite: Mocha.Suite | undefined): Scenario | undefined {
  return suite ? suiteScenarios.get(suite) : undefined;
}

export function addScenarioSuite(parent: Mocha.Suite, scenario: Scenario, steps: ScenarioSteps, signal?: AbortSignal): Mocha.Suite {
  const suite = Mocha.Suite.create(parent, scenario.id);
  suiteScenarios.set(suite, scenario);
  const step = createStepAdder(suite, steps, NOT_RUN_AFTER_FAILURE, signal);

  step('apply manifests', () => steps.apply(scenario), { applies: scenario.manifests, changes: true });
  addChecks(step, '', scenario, steps);
  for (const phase of scenario.phases) {
    const prefix = `${phase.name}: `;
    if (phase.delete.length > 0) {
      step(`${prefix}delete ${phase.delete.map(describeObject).join(', ')}`, () => steps.deletePhaseObjects(phase), { changes: true, observe: [] });
    }
    if (phase.apply.length > 0) step(`${prefix}apply manifests`, () => steps.applyPhaseManifests(phase), { applies: phase.apply, changes: true });
    addChecks(step, prefix, phase, steps);
  }
  for (const load of scenario.loads) step(`load: ${describeLoad(load)}`, (note) => steps.load(scenario, load, note), { observe: [gatewayRef(load)] });
  const { propagation, routeScale } = scenario;
  if (propagation) {
    step(`propagation: ${propagation.measuredRoutes} routes among ${propagation.existingRoutes}`, () => steps.propagation(scenario, propagation), { observe: [gatewayRef(propagation)] });
  }
  if (routeScale) step(`route scale: ${routeScale.routes} routes`, () => steps.routeScale(scenario, routeScale), { observe: [gatewayRef(routeScale)] });
  suite.afterAll('cleanup', () => steps.cleanup(scenario));
  return suite;
}

/** The expectation steps shared by the scenario itself and each of its phases, in this order. */
function addChecks(step: AddStep, prefix: string, checks: Pick<Scenario, 'await' | 'requests' | 'splits'>, steps: ScenarioSteps): void {
  for (const awaited of checks.await) {
    // Cluster-scoped kinds (GatewayClass) have no namespace to show.
    const name = awaited.namespace === '' ? awaited.name : `${awaited.namespace}/${awaited.name}`;
    step(`${prefix}status: ${awaited.kind} ${name}`, () => steps.awaitStatus(awaited), { observe: [awaitedRef(awaited)] });
  }
  for (const request of checks.requests) {
    step(`${prefix}request: ${request.name}`, (note) => steps.request(request, note), { observe: [gatewayRef(request)] });
  }
  for (const split of checks.splits) step(`${prefix}split: ${split.name}`, (note) => steps.split(split, note), { observe: [gatewayRef(split)] });
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
