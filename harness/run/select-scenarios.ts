// Which scenarios a run takes: all under the project's scenarios folder, or those named on the command line,
// each either a path (a scenario folder, its scenario.yaml, or a folder of scenarios) or a scenario id.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LoadScenariosOptions, loadScenarios } from '../scenario/load-scenarios.ts';
import { ScenarioError } from '../scenario/scenario-error.ts';
import type { Scenario } from '../scenario/scenario-types.ts';

/** What placeholders take in the selected scenarios' manifests, and the run profile their sizes come from. */
export type PlaceholderOptions = Pick<LoadScenariosOptions, 'gatewayClassName' | 'gatewayControllerName' | 'staticAddresses' | 'profile'>;

export async function selectScenarios(root: string, selectors: string[], placeholders: PlaceholderOptions): Promise<Scenario[]> {
  const paths = selectors.filter((selector) => existsSync(selector));
  const ids = selectors.filter((selector) => !existsSync(selector));
  const selected: Scenario[] = [];
  for (const path of paths) selected.push(...(await loadScenarios(resolve(path), placeholders)));
  if (ids.length > 0 || paths.length === 0) {
    const all = await loadScenarios(root, placeholders);
    const unknown = ids.filter((id) => !all.some((scenario) => scenario.id === id));
    if (unknown.length > 0) {
      throw new ScenarioError(
        unknown.map((id) => ({
          file: id,
          line: 0,
          column: 0,
          message: `no scenario with this id or path; known ids: ${all.map((scenario) => scenario.id).join(', ')}`,
        })),
      );
    }
    selected.push(...(ids.length > 0 ? all.filter((scenario) => ids.includes(scenario.id)) : all));
  }
  return selected;
}
