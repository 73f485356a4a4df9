// Finds, parses and validates scenarios. All problems of all selected files are collected and thrown as one
// ScenarioError, each with file:line:column.
//
//   loadScenarios(root, options?): Promise<Scenario[]>
//     root: the scenarios folder (holding conformance/<id>/ and load/<id>/), one scenario folder, or one
//           scenario.yaml file
//     options.only: scenario ids to keep (an unknown id is an error that lists the known ones)
//     options.gatewayClassName: replaces ${GATEWAY_CLASS_NAME} in scenario manifests (default 'gauntlet')
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { REFERENCE_GATEWAY_CLASS } from '../run/reference-class.ts';
import { FieldReader } from './field-reader.ts';
import { locateManifest, readManifestFile } from './manifest-files.ts';
import { readPhases } from './phase-schema.ts';
import type { PlaceholderValues } from './placeholders.ts';
import { ScenarioError, type ScenarioIssue } from './scenario-error.ts';
import { type ManifestEntry, readScenarioDocument } from './scenario-schema.ts';
import type { LocatedManifest, Scenario, ScenarioKind, ScenarioPhase } from './scenario-types.ts';
import { parseYamlDocuments, type YamlDocument } from './yaml-source.ts';

export const SCENARIO_FILE_NAME = 'scenario.yaml';
const kindFolders: readonly ScenarioKind[] = ['conformance', 'load'];

export interface LoadScenariosOptions {
  only?: string[];
  gatewayClassName?: string;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isDirectory(), () => false);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}

async function findScenarioFiles(root: string): Promise<string[]> {
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

function kindOf(file: string): ScenarioKind {
  return basename(dirname(dirname(file))) === 'load' ? 'load' : 'conformance';
}

async function resolveManifests(entries: ManifestEntry[], yaml: YamlDocument, file: string, vars: PlaceholderValues) {
  const manifests: LocatedManifest[] = [];
  const issues: ScenarioIssue[] = [];
  for (const entry of entries) {
    const position = yaml.locate(entry.path);
    const read =
      'file' in entry
        ? await readManifestFile(join(dirname(file), entry.file), vars)
        : locateManifest(entry.inline, { file, line: position.line }, position.column, vars);
    manifests.push(...read.manifests);
    // A file that cannot be read is reported where the scenario names it.
    const whole = (issue: ScenarioIssue) => issue.line === 0 && 'file' in entry;
    const label = entry.path.slice(0, -1).map((key) => (typeof key === 'number' ? `[${key}]` : key)).join('.').replaceAll('.[', '[');
    issues.push(...read.issues.map((issue) => (whole(issue) ? { file, ...position, message: `${label}: ${issue.message}` } : issue)));
  }
  return { manifests, issues };
}

async function loadScenarioFile(file: string, vars: PlaceholderValues): Promise<{ scenario?: Scenario; issues: ScenarioIssue[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { issues: [{ file, line: 0, column: 0, message: `cannot read scenario: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const parsed = parseYamlDocuments(file, text);
  const [yaml, extra] = parsed.documents;
  if (parsed.issues.length > 0) return { issues: parsed.issues };
  if (!yaml) return { issues: [{ file, line: 1, column: 1, message: 'the scenario file is empty' }] };
  const issues: ScenarioIssue[] = [];
  if (extra) issues.push({ file, line: extra.start.line, column: extra.start.column, message: 'a scenario file holds one YAML document; put manifests in manifests:' });
  const reader = new FieldReader();
  const locate = (path: readonly (string | number)[]) => ({ file, line: yaml.locate(path).line });
  const document = readScenarioDocument(reader, yaml.value, locate);
  const phaseDocuments = readPhases(reader, yaml.value, locate);
  for (const problem of reader.problems) issues.push({ file, ...yaml.locate(problem.path, problem.atKey), message: problem.message });
  const folder = basename(dirname(file));
  if (document && document.id !== '' && document.id !== folder && basename(file) === SCENARIO_FILE_NAME) {
    issues.push({ file, ...yaml.locate(['id']), message: `id "${document.id}" must equal its folder name "${folder}" (rename one of them)` });
  }
  if (!document) return { issues };
  const { manifestEntries, ...rest } = document;
  const resolved = await resolveManifests(manifestEntries, yaml, file, vars);
  issues.push(...resolved.issues);
  const phases: ScenarioPhase[] = [];
  for (const { applyEntries, ...phase } of phaseDocuments) {
    const applied = await resolveManifests(applyEntries, yaml, file, vars);
    issues.push(...applied.issues);
    phases.push({ ...phase, apply: applied.manifests });
  }
  const scenario: Scenario = { ...rest, kind: kindOf(file), manifests: resolved.manifests, phases, source: { file, line: yaml.start.line }, directory: dirname(file) };
  return { scenario, issues };
}

function checkSelection(scenarios: Scenario[], only: string[] | undefined, root: string): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const seen = new Map<string, Scenario>();
  for (const scenario of scenarios) {
    const first = seen.get(scenario.id);
    if (first) {
      issues.push({ ...scenario.source, column: 1, message: `duplicate scenario id "${scenario.id}" (also in ${first.source.file}); ids must be unique` });
    }
    seen.set(scenario.id, scenario);
  }
  for (const id of only ?? []) {
    if (!seen.has(id)) {
      issues.push({ file: root, line: 0, column: 0, message: `no scenario with id "${id}"; known ids: ${[...seen.keys()].join(', ') || '(none)'}` });
    }
  }
  return issues;
}

/** Groups issues by file (in the order files were read) and sorts each file's issues by position. */
function sortIssues(issues: ScenarioIssue[]): ScenarioIssue[] {
  const fileOrder = new Map<string, number>();
  for (const issue of issues) if (!fileOrder.has(issue.file)) fileOrder.set(issue.file, fileOrder.size);
  const rank = (issue: ScenarioIssue) => fileOrder.get(issue.file) ?? 0;
  return [...issues].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column);
}

export async function loadScenarios(root: string, options: LoadScenariosOptions = {}): Promise<Scenario[]> {
  const vars = { gatewayClassName: options.gatewayClassName ?? REFERENCE_GATEWAY_CLASS };
  const files = await findScenarioFiles(root);
  if (files.length === 0) {
    throw new ScenarioError([{ file: root, line: 0, column: 0, message: `no ${SCENARIO_FILE_NAME} found here or under conformance/<id>/ or load/<id>/` }]);
  }
  const issues: ScenarioIssue[] = [];
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const loaded = await loadScenarioFile(file, vars);
    issues.push(...loaded.issues);
    if (loaded.scenario) scenarios.push(loaded.scenario);
  }
  issues.push(...checkSelection(scenarios, options.only, root));
  if (issues.length > 0) throw new ScenarioError(sortIssues(issues));
  const only = options.only;
  return only ? scenarios.filter((scenario) => only.includes(scenario.id)) : scenarios;
}
