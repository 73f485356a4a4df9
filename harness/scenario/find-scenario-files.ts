// Where scenarios are: a scenarios folder (conformance/<id>/ and load/<id>/), one scenario folder, or one
// scenario.yaml file.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioKind } from './scenario-types.ts';

export const SCENARIO_FILE_NAME = 'scenario.yaml';
const kindFolders: readonly ScenarioKind[] = ['conformance', 'load'];

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isDirectory(), () => false);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}

/** The scenario.yaml files under root (a scenarios folder, a scenario folder, or one file), in load order. */
export async function findScenarioFiles(root: string): Promise<string[]> {
  if (await isFile(root)) return [root];
  if (await isFile(join(root, SCENARIO_FILE_NAME))) return [join(root, SCENARIO_FILE_NAME)];
  const files: string[] = [];
  for (const kind of kindFolders) {
    const folder = join(root, kind);
    if (!(await isDirectory(folder))) continue;
    const entries = (await readdir(folder)).sort();
    for (const entry of entries) {
      const file = join(folder, entry, SCENARIO_FILE_NAME);
      if (await isFile(file)) files.push(file);
    }
  }
  return files;
}

