// Finds, parses and validates scenarios. All problems of all selected files are collected and thrown as one
// ScenarioError, each with file:line:column. Per file: parse YAML -> validate against the declaration
// (format/) -> build the in-memory scenario with the checks the declaration cannot make (build/) -> read the
// manifest files -> expand `parents: accepted` from them.
//
//   loadScenarios(root, options?): Promise<Scenario[]>
//     root: the scenarios folder (holding conformance/<id>/ and load/<id>/), one scenario folder, or one
//           scenario.yaml file
//     options.only: scenario ids to keep (an unknown id is an error that lists the known ones)
//     options.gatewayClassName: replaces ${GATEWAY_CLASS_NAME} in scenario manifests (default 'gauntlet')
//     options.gatewayControllerName: replaces ${GATEWAY_CONTROLLER_NAME}; default the reference controller's
//           name when the class is the reference one, else none (a manifest using it is then an error)
//     options.profile: the run profile whose values {smoke, nightly} take (default smoke)
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { REFERENCE_CONTROLLER_NAME, REFERENCE_GATEWAY_CLASS } from '../run/reference-class.ts';
import { type BuildContext, createBuildContext, type LoadProfile } from './build/build-context.ts';
import { buildDocument, type ScenarioBuild } from './build/build-document.ts';
import { expandAcceptedParents } from './build/expand-accepted-parents.ts';
import { findScenarioFiles, SCENARIO_FILE_NAME } from './find-scenario-files.ts';
import type { ScenarioDocumentValue } from './format/scenario-format.ts';
import { PLACEHOLDER_NAMES, type PlaceholderValues, substitutePlaceholders } from './placeholders.ts';
import { resolveLoadManifests } from './resolve-load-manifests.ts';
import { resolveManifestEntries } from './resolve-manifest-entries.ts';
import { ScenarioError, type ScenarioIssue } from './scenario-error.ts';
import type { AwaitedObject, Scenario, ScenarioKind, ScenarioPhase } from './scenario-types.ts';
import { type FieldProblem, isMapping } from './validate/field-problem.ts';
import { validateScenarioDocument } from './validate/schema-validator.ts';
import { parseYamlDocuments, type YamlDocument, type YamlPath } from './yaml-source.ts';

export { SCENARIO_FILE_NAME };

export interface LoadScenariosOptions {
  only?: string[];
  gatewayClassName?: string;
  gatewayControllerName?: string;
  /** Values of ${USABLE_ADDRESS} and ${UNUSABLE_ADDRESS} (and their types); absent: scenarios using them are marked lacking. */
  staticAddresses?: Pick<PlaceholderValues, 'usableAddress' | 'unusableAddress'>;
  profile?: LoadProfile;
}

export type { LoadProfile };

/** The values placeholders take: the class's controller name is known for the reference class only. */
function placeholderValues(options: Pick<LoadScenariosOptions, 'gatewayClassName' | 'gatewayControllerName' | 'staticAddresses'>): PlaceholderValues {
  const gatewayClassName = options.gatewayClassName ?? REFERENCE_GATEWAY_CLASS;
  const gatewayControllerName = options.gatewayControllerName ?? (gatewayClassName === REFERENCE_GATEWAY_CLASS ? REFERENCE_CONTROLLER_NAME : undefined);
  return { gatewayClassName, ...(gatewayControllerName === undefined ? {} : { gatewayControllerName }), ...options.staticAddresses };
}

function kindOf(file: string): ScenarioKind {
  return basename(dirname(dirname(file))) === 'load' ? 'load' : 'conformance';
}

async function readScenarioText(file: string): Promise<{ text?: string; issues: ScenarioIssue[] }> {
  try {
    return { text: await readFile(file, 'utf8'), issues: [] };
  } catch (error) {
    return { issues: [{ file, line: 0, column: 0, message: `cannot read scenario: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** Reads every manifest the scenario and its phases apply, then expands `parents: accepted` against them. */
async function resolveManifests(ctx: BuildContext, build: ScenarioBuild, yaml: YamlDocument, file: string, vars: PlaceholderValues) {
  const own = await resolveManifestEntries(build.manifestEntries, yaml, file, vars);
  const issues = [...own.issues];
  const lacking = new Set(own.lacking);
  const applied = [...own.manifests];
  const lackingIn = (awaited: AwaitedObject) => filledAwait(ctx, awaited, vars, pendingPath(build, awaited), lacking);
  const awaitList = build.await.map((pending) => lackingIn(expandAcceptedParents(ctx, pending, applied)));
  const phases: ScenarioPhase[] = [];
  for (const { applyEntries, await: pendingAwaits, ...phase } of build.phases) {
    const read = await resolveManifestEntries(applyEntries, yaml, file, vars);
    issues.push(...read.issues);
    for (const name of read.lacking) lacking.add(name);
    applied.push(...read.manifests);
    phases.push({ ...phase, apply: read.manifests, await: pendingAwaits.map((pending) => lackingIn(expandAcceptedParents(ctx, pending, applied))) });
  }
  const measures = await resolveLoadManifests(build, yaml, file, vars);
  issues.push(...measures.issues);
  return { manifests: own.manifests, await: awaitList, phases, measures, issues, lacking: [...lacking] };
}

/** Where an await entry was written, for reporting a placeholder problem in it. */
function pendingPath(build: ScenarioBuild, awaited: AwaitedObject): YamlPath {
  const all = [...build.await, ...build.phases.flatMap((phase) => phase.await)];
  return all.find((pending) => pending.awaited.source === awaited.source)?.path ?? [];
}

/** An await's expected addresses with placeholders filled in (they name the run's addresses); lacking values noted. */
function filledAwait(ctx: BuildContext, awaited: AwaitedObject, vars: PlaceholderValues, path: YamlPath, lacking: Set<string>): AwaitedObject {
  if (!awaited.addresses) return awaited;
  const filled = substitutePlaceholders(awaited.addresses, vars);
  for (const name of filled.unknown) ctx.report([...path, 'addresses'], `unknown placeholder \${${name}}; the placeholders are ${PLACEHOLDER_NAMES.join(', ')}`);
  for (const name of filled.unavailable) lacking.add(name);
  return { ...awaited, addresses: filled.value };
}

async function loadScenarioFile(file: string, vars: PlaceholderValues, profile: LoadProfile): Promise<{ scenario?: Scenario; issues: ScenarioIssue[] }> {
  const { text, issues: readIssues } = await readScenarioText(file);
  if (text === undefined) return { issues: readIssues };
  const parsed = parseYamlDocuments(file, text);
  const [yaml, extra] = parsed.documents;
  if (parsed.issues.length > 0) return { issues: parsed.issues };
  if (!yaml) return { issues: [{ file, line: 1, column: 1, message: 'the scenario file is empty' }] };
  const issues: ScenarioIssue[] = [];
  if (extra) issues.push({ file, line: extra.start.line, column: extra.start.column, message: 'a scenario file holds one YAML document; put manifests in manifests:' });
  const schemaProblems = validateScenarioDocument(yaml.value);
  const problems: FieldProblem[] = [...schemaProblems];
  const ctx = createBuildContext(yaml.value, schemaProblems, problems, (path) => ({ file, line: yaml.locate(path).line }), profile);
  const build = isMapping(yaml.value) ? buildDocument(ctx, yaml.value as ScenarioDocumentValue) : undefined;
  const folder = basename(dirname(file));
  if (build && !ctx.invalid(['id']) && build.header.id !== folder && basename(file) === SCENARIO_FILE_NAME) {
    ctx.report(['id'], `"${build.header.id}" must equal its folder name "${folder}" (rename one of them)`);
  }
  const resolved = build ? await resolveManifests(ctx, build, yaml, file, vars) : undefined;
  issues.push(...(resolved?.issues ?? []), ...problems.map((problem) => ({ file, ...yaml.locate(problem.path, problem.atKey), message: problem.message })));
  if (!build || !resolved) return { issues };
  const { header, requests, splits } = build;
  const { loads, propagation, routeScale } = resolved.measures;
  const scenario: Scenario = {
    ...header,
    kind: kindOf(file),
    manifests: resolved.manifests,
    await: resolved.await,
    requests,
    splits,
    phases: resolved.phases,
    loads,
    ...(propagation === undefined ? {} : { propagation }),
    ...(routeScale === undefined ? {} : { routeScale }),
    ...(resolved.lacking.length > 0 ? { lacksRunValues: resolved.lacking } : {}),
    source: { file, line: yaml.start.line },
    directory: dirname(file),
  };
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
  const vars = placeholderValues(options);
  const files = await findScenarioFiles(root);
  if (files.length === 0) {
    throw new ScenarioError([{ file: root, line: 0, column: 0, message: `no ${SCENARIO_FILE_NAME} found here or under conformance/<id>/ or load/<id>/` }]);
  }
  const issues: ScenarioIssue[] = [];
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const loaded = await loadScenarioFile(file, vars, options.profile ?? 'smoke');
    issues.push(...loaded.issues);
    if (loaded.scenario) scenarios.push(loaded.scenario);
  }
  issues.push(...checkSelection(scenarios, options.only, root));
  if (issues.length > 0) throw new ScenarioError(sortIssues(issues));
  const only = options.only;
  return only ? scenarios.filter((scenario) => only.includes(scenario.id)) : scenarios;
}
