// `then:` phases: what each deletes (apiVersion known by kind or given), applies (entries still to be read)
// and checks. A phase must change something and check something after; phase names must be unique, since
// they prefix step names in reports.
import type { DeletedObjectDocument, PhaseDocumentValue } from '../format/scenario-format.ts';
import { knownApiVersion, knownKinds } from '../kind-api-versions.ts';
import type { LocatedManifest, ScenarioPhase } from '../scenario-types.ts';
import type { YamlPath } from '../yaml-source.ts';
import { objectNamespace, type PendingAwait } from './build-await.ts';
import type { BuildContext } from './build-context.ts';
import { buildChecks, listOf, type ManifestEntry, manifestEntries } from './build-lists.ts';

/** A phase as built from YAML: `apply` entries still to be read, `await` entries still to be expanded. */
export type PhaseBuild = Omit<ScenarioPhase, 'apply' | 'await'> & { applyEntries: ManifestEntry[]; await: PendingAwait[] };

function deletedObject(ctx: BuildContext, entry: DeletedObjectDocument, path: YamlPath): LocatedManifest[] {
  const apiVersion = entry.apiVersion ?? knownApiVersion(entry.kind);
  if (apiVersion === undefined) {
    ctx.report([...path, 'kind'], `unknown kind ${JSON.stringify(entry.kind)}: add its apiVersion, or use one of ${knownKinds().join(', ')}`);
    return [];
  }
  const namespace = knownApiVersion(entry.kind) === undefined ? entry.namespace : objectNamespace(ctx, entry.kind, entry.namespace, path);
  const metadata = namespace === undefined || namespace === '' ? { name: entry.name } : { name: entry.name, namespace };
  return [{ object: { apiVersion, kind: entry.kind, metadata }, source: ctx.locate(path) }];
}

function buildPhase(ctx: BuildContext, entry: PhaseDocumentValue, path: YamlPath): PhaseBuild {
  const deleted = listOf(entry.delete).flatMap((item, index) => (ctx.invalid([...path, 'delete', index]) ? [] : deletedObject(ctx, item, [...path, 'delete', index])));
  const phase: PhaseBuild = {
    name: entry.name,
    delete: deleted,
    applyEntries: manifestEntries(ctx, entry.apply, [...path, 'apply']),
    ...buildChecks(ctx, entry, path),
    source: ctx.locate(path),
  };
  if (listOf(entry.delete).length === 0 && listOf(entry.apply).length === 0) ctx.report(path, 'changes nothing: add delete or apply');
  if (listOf(entry.await).length + listOf(entry.requests).length + listOf(entry.splits).length === 0) {
    ctx.report(path, 'checks nothing after its change: add await, requests or splits');
  }
  return phase;
}

export function buildPhases(ctx: BuildContext, phases: PhaseDocumentValue[] | undefined): PhaseBuild[] {
  const seen = new Set<string>();
  return listOf(phases).flatMap((entry, index) => {
    const path = ['then', index];
    if (ctx.invalid([...path, 'name'])) return [];
    if (seen.has(entry.name)) ctx.report([...path, 'name'], `duplicate phase name ${JSON.stringify(entry.name)}; phase names must be unique`);
    seen.add(entry.name);
    return [buildPhase(ctx, entry, path)];
  });
}
