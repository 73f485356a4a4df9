// Reads Kubernetes manifests (multi-document YAML files, or objects written inline in a scenario) and keeps
// each object's file:line so apply errors and status mismatches can point back at the source.
import { readFile } from 'node:fs/promises';
import { PLACEHOLDER_NAMES, type PlaceholderValues, RUN_VALUE_PLACEHOLDERS, substitutePlaceholders } from './placeholders.ts';
import type { ScenarioIssue } from './scenario-error.ts';
import type { KubeObject, LocatedManifest, SourceLocation } from './scenario-types.ts';
import { isMapping } from './validate/field-problem.ts';
import { parseYamlDocuments } from './yaml-source.ts';

export interface ManifestReadResult {
  manifests: LocatedManifest[];
  issues: ScenarioIssue[];
  /** Run-value placeholders (RUN_VALUE_PLACEHOLDERS) this run has no value for: the scenario is skipped. */
  lacking?: string[];
}

function issueAt(source: SourceLocation, column: number, message: string): ScenarioIssue {
  return { file: source.file, line: source.line, column, message };
}

/** Checks the few fields every object needs and applies placeholders; problems become issues. */
export function locateManifest(value: unknown, source: SourceLocation, column: number, vars: PlaceholderValues): ManifestReadResult {
  if (!isMapping(value)) return { manifests: [], issues: [issueAt(source, column, 'a manifest must be a mapping (a Kubernetes object)')] };
  const issues: ScenarioIssue[] = [];
  const metadata = value.metadata;
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') issues.push(issueAt(source, column, 'manifest has no apiVersion'));
  if (typeof value.kind !== 'string' || value.kind === '') issues.push(issueAt(source, column, 'manifest has no kind'));
  if (!isMapping(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
    issues.push(issueAt(source, column, `${String(value.kind ?? 'manifest')} has no metadata.name`));
  }
  const substituted = substitutePlaceholders(value, vars);
  const listed = PLACEHOLDER_NAMES.map((name) => `\${${name}}`).join(' and ');
  for (const name of substituted.unknown) issues.push(issueAt(source, column, `unknown placeholder \${${name}}; the placeholders are ${listed}`));
  const lacking = substituted.unavailable.filter((name) => RUN_VALUE_PLACEHOLDERS.has(name));
  for (const name of substituted.unavailable.filter((unavailable) => !lacking.includes(unavailable))) {
    issues.push(
      issueAt(
        source,
        column,
        `placeholder \${${name}} has no value in this run: the controller name is known only for the reference GatewayClass; ` +
          `pass --gateway-controller-name with the spec.controllerName of GatewayClass ${vars.gatewayClassName}`,
      ),
    );
  }
  if (issues.length > 0) return { manifests: [], issues };
  return { manifests: [{ object: substituted.value as KubeObject, source }], issues, ...(lacking.length > 0 ? { lacking } : {}) };
}

export async function readManifestFile(file: string, vars: PlaceholderValues): Promise<ManifestReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { manifests: [], issues: [{ file, line: 0, column: 0, message: `cannot read manifest file: ${reason}` }] };
  }
  const parsed = parseYamlDocuments(file, text);
  const result: ManifestReadResult = { manifests: [], issues: [...parsed.issues] };
  for (const document of parsed.documents) {
    const one = locateManifest(document.value, { file, line: document.start.line }, document.start.column, vars);
    result.manifests.push(...one.manifests);
    result.issues.push(...one.issues);
    if (one.lacking) result.lacking = [...new Set([...(result.lacking ?? []), ...one.lacking])];
  }
  return result;
}
