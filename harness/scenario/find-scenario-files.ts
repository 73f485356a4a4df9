// Where scenarios are: a scenarios folder (conformance/<id>/ and load/<id>/), one kind's folder (e.g.
// scenarios/load, holding <id>/), one scenario folder, or one scenario.yaml file.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ScenarioKind } from './scenario-types.ts';

export const SCENARIO_FILE_NAME = 'scenario.yaml';
const kindFolders: readonly ScenarioKind[] = ['conformance', 'load'];

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isDirectory(), () => false);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}

/** <folder>/<id>/scenario.yaml for every <id>, sorted. */
async function scenarioFilesIn(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of (await readdir(folder)).sort()) {
    const file = join(folder, entry, SCENARIO_FILE_NAME);
    if (await isFile(file)) files.push(file);
  }
  return files;
}

/** The scenario.yaml files under root (a scenarios folder, a kind's folder, a scenario folder, or one file), in load order. */
export async function findScenarioFiles(root: string): Promise<string[]> {
  if (await isFile(root)) return [root];
  if (await isFile(join(root, SCENARIO_FILE_NAME))) return [join(root, SCENARIO_FILE_NAME)];
  const files: string[] = [];
  for (const kind of kindFolders) {
    const folder = join(root, kind);
    if (await isDirectory(folder)) files.push(...(await scenarioFilesIn(folder)));
  }
  if (files.length === 0 && kindFolders.some((kind) => basename(root) === kind) && (await isDirectory(root))) return await scenarioFilesIn(root);
  return files;
}

