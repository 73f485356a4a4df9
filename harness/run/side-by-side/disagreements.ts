// Where implementations disagree: given the runs of the same scenarios against several GatewayClasses, every
// scenario and assertion (step) whose outcome is not the same for all of them. An assertion is a status check
// (conditions and reasons), a request (status code, redirect, the headers the backend saw), a weighted split
// (the shares) or a load phase; a scenario one class ran and another skipped is a disagreement of its own.
// Outcomes are compared, not messages: two failures of the same assertion agree, whatever their wording.
//
//   findDisagreements(runs: RunResult[]): SideBySideResult     formatDisagreements(result): string (terminal)

import { NOT_RUN_AFTER_FAILURE } from '../../../suites/scenario-suite.ts';
import type { Outcome, RunResult, ScenarioResult, StepResult } from '../../report/run-result.ts';

export type Aspect = 'status' | 'response' | 'split' | 'load' | 'scenario' | 'other';

export interface ClassResult {
  gatewayClass: string;
  /** `absent`: the step did not exist in that run (an earlier failure stopped the scenario, or it did not run). */
  outcome: Outcome | 'absent';
  /** The expected-versus-got lines of a failure, or the reason of a skip. */
  message?: string;
}

export interface Disagreement {
  scenario: string;
  conformanceTest?: string;
  /** The step's name, or "(scenario)" when the scenario itself ran for one class and not another. */
  assertion: string;
  aspect: Aspect;
  results: ClassResult[];
}

export interface SideBySideResult {
  gatewayClasses: string[];
  runIds: string[];
  /** Scenarios every class ran or skipped, i.e. that were compared. */
  scenariosCompared: number;
  disagreements: Disagreement[];
}

export const SCENARIO_ASSERTION = '(scenario)';

/** What a step checks, from the names suites/scenario-suite.ts gives steps (a phase prefix such as "then: " aside). */
export function aspectOf(stepName: string): Aspect {
  const name = stepName.replace(/^[^:]*: (?=(status|request|split|load): )/, '');
  if (name.startsWith('status: ')) return 'status';
  if (name.startsWith('request: ')) return 'response';
  if (name.startsWith('split: ')) return 'split';
  if (name.startsWith('load: ')) return 'load';
  return 'other';
}

/** A step's name without the note a step gets when an earlier failure kept it from running. */
const assertionOf = (step: StepResult) => step.name.replace(` (${NOT_RUN_AFTER_FAILURE})`, '');

function assertionNames(scenarios: ScenarioResult[]): string[] {
  const names: string[] = [];
  for (const scenario of scenarios) for (const step of scenario.steps) if (!names.includes(assertionOf(step))) names.push(assertionOf(step));
  return names;
}

function compareScenario(id: string, runs: RunResult[]): Disagreement[] {
  const perClass = runs.map((run) => ({ run, scenario: run.scenarios.find((scenario) => scenario.id === id) }));
  const present = perClass.flatMap(({ scenario }) => (scenario ? [scenario] : []));
  const conformanceTest = present.find((scenario) => scenario.conformanceTest)?.conformanceTest;
  const base = { scenario: id, ...(conformanceTest ? { conformanceTest } : {}) };
  const skipped = (scenario: ScenarioResult | undefined) => scenario === undefined || scenario.outcome === 'skipped';
  if (new Set(perClass.map(({ scenario }) => skipped(scenario))).size > 1) {
    const results: ClassResult[] = perClass.map(({ run, scenario }) => ({
      gatewayClass: run.gatewayClass,
      outcome: scenario?.outcome ?? ('absent' as const),
      ...(scenario?.outcome === 'skipped' ? { message: scenario.steps.find((step) => step.message)?.message ?? 'skipped' } : {}),
    }));
    return [{ ...base, assertion: SCENARIO_ASSERTION, aspect: 'scenario', results }];
  }
  const found: Disagreement[] = [];
  for (const name of assertionNames(present)) {
    const results: ClassResult[] = perClass.map(({ run, scenario }) => {
      const step = scenario?.steps.find((item) => assertionOf(item) === name);
      return { gatewayClass: run.gatewayClass, outcome: step?.outcome ?? 'absent', ...(step?.message ? { message: step.message } : {}) };
    });
    if (new Set(results.map((result) => result.outcome)).size > 1) found.push({ ...base, assertion: name, aspect: aspectOf(name), results });
  }
  return found;
}

export function findDisagreements(runs: RunResult[]): SideBySideResult {
  const ids: string[] = [];
  for (const run of runs) for (const scenario of run.scenarios) if (!ids.includes(scenario.id)) ids.push(scenario.id);
  return {
    gatewayClasses: runs.map((run) => run.gatewayClass),
    runIds: runs.map((run) => run.runId),
    scenariosCompared: ids.length,
    disagreements: ids.flatMap((id) => compareScenario(id, runs)),
  };
}
