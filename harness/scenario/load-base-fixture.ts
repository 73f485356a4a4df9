// The base fixture: namespaces, echo backends and Gateways applied once per run, before any scenario.
// It lives in <root>/base/*.yaml (read in file-name order, so 00-namespaces.yaml comes before what needs
// the namespaces) and names its GatewayClass with ${GATEWAY_CLASS_NAME}.
//
//   loadBaseFixture(root, vars: { gatewayClassName }): Promise<LocatedManifest[]>   throws ScenarioError
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifestFile } from './manifest-files.ts';
import type { PlaceholderValues } from './placeholders.ts';
import { ScenarioError, type ScenarioIssue } from './scenario-error.ts';
import type { LocatedManifest } from './scenario-types.ts';

export const BASE_FIXTURE_FOLDER = 'base';

export async function loadBaseFixture(root: string, vars: PlaceholderValues): Promise<LocatedManifest[]> {
  const folder = join(root, BASE_FIXTURE_FOLDER);
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError([{ file: folder, line: 0, column: 0, message: `cannot read the base fixture folder: ${reason}` }]);
  }
  if (names.length === 0) throw new ScenarioError([{ file: folder, line: 0, column: 0, message: 'the base fixture folder holds no .yaml files' }]);
  const manifests: LocatedManifest[] = [];
  const issues: ScenarioIssue[] = [];
  for (const name of names) {
    const read = await readManifestFile(join(folder, name), vars);
    manifests.push(...read.manifests);
    issues.push(...read.issues);
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return manifests;
}
