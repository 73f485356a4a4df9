// The `then:` list of a scenario.yaml: phases that change the cluster mid-scenario (delete objects, apply
// manifests) and then check again with the same await/requests/splits shapes as the top level.
// readPhases() records every problem in the FieldReader; apply entries are files to read next, like `manifests`.

import { type FieldReader, isMapping, type Mapping } from './field-reader.ts';
import { clusterScopedKinds, knownApiVersion, knownKinds } from './kind-api-versions.ts';
import { type Locate, type ManifestEntry, readAwait, readManifestEntries, readRequestCase, readSplitCase } from './scenario-schema.ts';
import type { LocatedManifest, ScenarioPhase } from './scenario-types.ts';
import type { YamlPath } from './yaml-source.ts';

/** A phase as read from YAML: its `apply` entries still to be resolved into manifests. */
export type PhaseDocument = Omit<ScenarioPhase, 'apply'> & { applyEntries: ManifestEntry[] };

const phaseKeys = ['name', 'delete', 'apply', 'await', 'requests', 'splits'];

function readDeletedObject(reader: FieldReader, value: unknown, path: YamlPath, locate: Locate): LocatedManifest[] {
  const entry = reader.mapping(value, path);
  if (!entry) return [];
  reader.rejectUnknownKeys(entry, path, ['apiVersion', 'kind', 'namespace', 'name']);
  const kind = reader.string(entry, 'kind', path, true);
  const name = reader.string(entry, 'name', path, true);
  const namespace = reader.string(entry, 'namespace', path);
  const given = reader.string(entry, 'apiVersion', path);
  const known = knownApiVersion(kind);
  const apiVersion = given ?? known;
  if (kind !== '' && apiVersion === undefined) {
    reader.report([...path, 'kind'], `unknown kind ${JSON.stringify(kind)}: add its apiVersion, or use one of ${knownKinds().join(', ')}`);
  }
  if (known !== undefined && clusterScopedKinds.includes(kind) && namespace !== undefined) {
    reader.report([...path, 'namespace'], `${kind} is cluster-scoped; remove namespace`);
  }
  if (known !== undefined && !clusterScopedKinds.includes(kind) && namespace === undefined) {
    reader.report([...path, 'namespace'], `is required: ${kind} lives in a namespace`);
  }
  if (apiVersion === undefined || kind === '' || name === '') return [];
  const metadata = namespace === undefined ? { name } : { name, namespace };
  return [{ object: { apiVersion, kind, metadata }, source: locate(path) }];
}

function readPhase(reader: FieldReader, value: unknown, path: YamlPath, locate: Locate): PhaseDocument[] {
  const entry = reader.mapping(value, path);
  if (!entry) return [];
  reader.rejectUnknownKeys(entry, path, phaseKeys);
  const listOf = <T>(key: string, read: (item: unknown, itemPath: YamlPath) => T[]): T[] =>
    reader.list(entry, key, path).flatMap((item, index) => read(item, [...path, key, index]));
  const phase: PhaseDocument = {
    name: reader.string(entry, 'name', path, true),
    delete: listOf('delete', (item, itemPath) => readDeletedObject(reader, item, itemPath, locate)),
    applyEntries: readManifestEntries(reader, entry, path, 'apply'),
    await: listOf('await', (item, itemPath) => readAwait(reader, item, itemPath, locate)),
    requests: listOf('requests', (item, itemPath) => readRequestCase(reader, item, itemPath, locate)),
    splits: listOf('splits', (item, itemPath) => readSplitCase(reader, item, itemPath, locate)),
    source: locate(path),
  };
  if (!hasItems(entry, 'delete') && !hasItems(entry, 'apply')) reader.report(path, 'changes nothing: add delete or apply');
  if (!hasItems(entry, 'await') && !hasItems(entry, 'requests') && !hasItems(entry, 'splits')) {
    reader.report(path, 'checks nothing after its change: add await, requests or splits');
  }
  return [phase];
}

/** Counts entries as written, so an entry with errors is not reported a second time as "missing". */
function hasItems(entry: Mapping, key: string): boolean {
  const value = entry[key];
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
}

export function readPhases(reader: FieldReader, root: unknown, locate: Locate): PhaseDocument[] {
  if (!isMapping(root)) return [];
  const seen = new Set<string>();
  return reader.list(root, 'then', []).flatMap((item, index) => {
    const phases = readPhase(reader, item, ['then', index], locate);
    for (const phase of phases) {
      // Phase names prefix step names in reports: two alike would make the report ambiguous.
      if (phase.name !== '' && seen.has(phase.name)) reader.report(['then', index, 'name'], `duplicate phase name ${JSON.stringify(phase.name)}; phase names must be unique`);
      seen.add(phase.name);
    }
    return phases;
  });
}
