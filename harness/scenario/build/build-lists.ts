// The lists a scenario and each of its phases share: manifest entries (`manifests`, a phase's `apply`) and
// the checks (await, requests, splits). An entry the declaration already found wrong is skipped here.
import type { AwaitDocument } from '../format/await-format.ts';
import type { ManifestEntryDocument } from '../format/scenario-format.ts';
import type { RequestCaseDocument, SplitCaseDocument } from '../format/traffic-format.ts';
import type { RequestCase, SplitCase } from '../scenario-types.ts';
import type { YamlPath } from '../yaml-source.ts';
import { buildAwait, type PendingAwait } from './build-await.ts';
import type { BuildContext } from './build-context.ts';
import { buildRequestCase, buildSplitCase } from './build-traffic.ts';

/** The items of a list the declaration may have found not to be a list at all (then it reported that). */
export function listOf<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

/** A manifests[] entry: a file beside scenario.yaml, or an object written inline; path is where it was written. */
export type ManifestEntry = { file: string; path: YamlPath } | { inline: Record<string, unknown>; path: YamlPath };

export function manifestEntries(ctx: BuildContext, list: ManifestEntryDocument[] | undefined, path: YamlPath): ManifestEntry[] {
  return listOf(list).flatMap((entry, index): ManifestEntry[] => {
    const itemPath = [...path, index];
    if (ctx.invalid(itemPath)) return [];
    if (typeof entry === 'string') return [{ file: entry, path: itemPath }];
    if ('file' in entry && typeof entry.file === 'string') return [{ file: entry.file, path: itemPath }];
    return [{ inline: entry as Record<string, unknown>, path: itemPath }];
  });
}

function each<T, R>(ctx: BuildContext, list: T[] | undefined, path: YamlPath, build: (item: T, itemPath: YamlPath) => R[]): R[] {
  return listOf(list).flatMap((item, index) => (ctx.invalid([...path, index]) ? [] : build(item, [...path, index])));
}

export interface Checks {
  await: PendingAwait[];
  requests: RequestCase[];
  splits: SplitCase[];
}

export function buildChecks(
  ctx: BuildContext,
  entry: { await?: AwaitDocument[]; requests?: RequestCaseDocument[]; splits?: SplitCaseDocument[] },
  path: YamlPath,
): Checks {
  return {
    await: each(ctx, entry.await, [...path, 'await'], (item, itemPath) => [buildAwait(ctx, item, itemPath)]),
    requests: each(ctx, entry.requests, [...path, 'requests'], (item, itemPath) => buildRequestCase(ctx, item, itemPath)),
    splits: each(ctx, entry.splits, [...path, 'splits'], (item, itemPath) => [buildSplitCase(ctx, item, itemPath)]),
  };
}
