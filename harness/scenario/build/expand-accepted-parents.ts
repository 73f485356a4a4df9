// `parents: accepted` -> Accepted=True (reason Accepted) and ResolvedRefs=True (reason ResolvedRefs), the
// reasons the specification fixes for these statuses, for every parentRef the route's manifest lists.
// The manifest must be one the scenario applies (its own, or an earlier or the same phase's apply); the
// latest version applied by then counts, since a phase may change a route's parentRefs.
import type { AwaitedObject, LocatedManifest, ParentConditions } from '../scenario-types.ts';
import type { PendingAwait } from './build-await.ts';
import type { BuildContext } from './build-context.ts';

export const ACCEPTED_CONDITIONS = [
  { type: 'Accepted', status: 'True', reason: 'Accepted' },
  { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
] as const;

interface ParentRef {
  name?: unknown;
  namespace?: unknown;
  sectionName?: unknown;
  port?: unknown;
}

function parentsOf(manifest: LocatedManifest, routeNamespace: string): ParentConditions[] {
  const refs = ((manifest.object.spec as { parentRefs?: unknown } | undefined)?.parentRefs ?? []) as ParentRef[];
  if (!Array.isArray(refs)) return [];
  return refs.map((ref) => ({
    parent: {
      namespace: typeof ref.namespace === 'string' ? ref.namespace : routeNamespace,
      name: String(ref.name ?? ''),
      ...(typeof ref.sectionName === 'string' ? { sectionName: ref.sectionName } : {}),
      ...(typeof ref.port === 'number' ? { port: ref.port } : {}),
    },
    conditions: ACCEPTED_CONDITIONS.map((condition) => ({ ...condition })),
  }));
}

/** `applied`: the manifests applied by the time this await runs, oldest first. */
export function expandAcceptedParents(ctx: BuildContext, pending: PendingAwait, applied: readonly LocatedManifest[]): AwaitedObject {
  if (!pending.acceptedParents) return pending.awaited;
  const { kind, namespace, name } = pending.awaited;
  const manifest = applied.findLast(({ object }) => object.kind === kind && object.metadata.name === name && (object.metadata.namespace ?? namespace) === namespace);
  const where = [...pending.path, 'parents'];
  if (!manifest) {
    ctx.report(where, `"accepted" reads the parentRefs of ${kind} ${namespace}/${name}, but no manifest of this scenario defines it; list the parents instead`);
    return pending.awaited;
  }
  const parents = parentsOf(manifest, namespace);
  if (parents.length === 0) ctx.report(where, `"accepted" found no spec.parentRefs in ${kind} ${namespace}/${name} (${manifest.source.file}:${manifest.source.line})`);
  return { ...pending.awaited, parents };
}
