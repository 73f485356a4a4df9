// The shipped scenarios that declare `channel: experimental`: a standard run (the default) reports exactly
// these as skipped, so tests of the main job expect them there rather than a blanket "0 skipped".
import { defaultScenariosRoot } from '../../../harness/run/project-paths.ts';
import { loadScenarios } from '../../../harness/scenario/load-scenarios.ts';

export async function experimentalScenarioIds(): Promise<string[]> {
  const scenarios = await loadScenarios(defaultScenariosRoot);
  return scenarios.filter((scenario) => scenario.channel === 'experimental').map((scenario) => scenario.id);
}
