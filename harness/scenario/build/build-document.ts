// A validated scenario document -> everything of the Scenario that the file alone decides. Manifest files
// are read next, and `parents: accepted` expanded after that (load-scenarios.ts).
import type { ScenarioDocumentValue } from '../format/scenario-format.ts';
import type { LoadSpec, Scenario } from '../scenario-types.ts';
import type { BuildContext } from './build-context.ts';
import { buildChecks, type Checks, listOf, type ManifestEntry, manifestEntries } from './build-lists.ts';
import { buildPhases, type PhaseBuild } from './build-phases.ts';
import { buildLoad } from './build-traffic.ts';

export type ScenarioHeader = Pick<Scenario, 'id' | 'description' | 'conformanceTest' | 'profile' | 'features' | 'channel'>;

export interface ScenarioBuild extends Checks {
  header: ScenarioHeader;
  manifestEntries: ManifestEntry[];
  phases: PhaseBuild[];
  load?: LoadSpec;
}

export function buildDocument(ctx: BuildContext, document: ScenarioDocumentValue): ScenarioBuild {
  const { id, description, conformanceTest, profile, features, channel } = document;
  const header: ScenarioHeader = { id, description, profile, features, channel: channel ?? 'standard' };
  if (conformanceTest !== undefined) header.conformanceTest = conformanceTest;
  const build: ScenarioBuild = {
    header,
    manifestEntries: manifestEntries(ctx, document.manifests, ['manifests']),
    ...buildChecks(ctx, document, []),
    phases: buildPhases(ctx, document.then),
  };
  if (document.load !== undefined && !ctx.invalid(['load'])) build.load = buildLoad(ctx, document.load, ['load']);
  const counted = (list: unknown[] | undefined) => listOf(list).length;
  if (counted(document.await) + counted(document.requests) + counted(document.splits) + counted(document.then) === 0 && document.load === undefined) {
    ctx.report([], 'checks nothing: add await, requests, splits, then or load');
  }
  return build;
}
