// Reads the manifests a scenario names (`manifests:`, a phase's `apply:`): files beside scenario.yaml, or
// objects written inline. A file that cannot be read is reported where the scenario names it.
import { dirname, join } from 'node:path';
import type { ManifestEntry } from './build/build-lists.ts';
import { locateManifest, readManifestFile } from './manifest-files.ts';
import type { PlaceholderValues } from './placeholders.ts';
import type { ScenarioIssue } from './scenario-error.ts';
import type { LocatedManifest } from './scenario-types.ts';
import { labelOf } from './validate/field-problem.ts';
import type { YamlDocument } from './yaml-source.ts';

export async function resolveManifestEntries(entries: ManifestEntry[], yaml: YamlDocument, file: string, vars: PlaceholderValues) {
  const manifests: LocatedManifest[] = [];
  const issues: ScenarioIssue[] = [];
  const lacking = new Set<string>();
  for (const entry of entries) {
    const position = yaml.locate(entry.path);
    const read =
      'file' in entry
        ? await readManifestFile(join(dirname(file), entry.file), vars)
        : locateManifest(entry.inline, { file, line: position.line }, position.column, vars);
    manifests.push(...read.manifests);
    for (const name of read.lacking ?? []) lacking.add(name);
    const whole = (issue: ScenarioIssue) => issue.line === 0 && 'file' in entry;
    const label = labelOf(entry.path.slice(0, -1));
    issues.push(...read.issues.map((issue) => (whole(issue) ? { file, ...position, message: `${label}: ${issue.message}` } : issue)));
  }
  return { manifests, issues, lacking: [...lacking] };
}
