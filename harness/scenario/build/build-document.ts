// A validated scenario document -> everything of the Scenario that the file alone decides. Manifest files
// are read next, and `parents: accepted` expanded after that (load-scenarios.ts).
import type { ScenarioDocumentValue } from '../format/scenario-format.ts';
import type { Scenario } from '../scenario-types.ts';
import type { BuildContext } from './build-context.ts';
import { buildChecks, type Checks, listOf, type ManifestEntry, manifestEntries } from './build-lists.ts';
import { buildLoads, buildPropagation, buildRouteScale, type PendingLoad, type PendingPropagation, type PendingRouteScale } from './build-load.ts';
import { buildPhases, type PhaseBuild } from './build-phases.ts';

export type ScenarioHeader = Pick<Scenario, 'id' | 'description' | 'conformanceTest' | 'profile' | 'features' | 'channel'>;

export interface ScenarioBuild extends Checks {
  header: ScenarioHeader;
  manifestEntries: ManifestEntry[];
  phases: PhaseBuild[];
  loads: PendingLoad[];
  propagation?: PendingPropagation;
  routeScale?: PendingRouteScale;
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
    loads: buildLoads(ctx, document.load),
  };
  const propagation = buildPropagation(ctx, document.propagation);
  if (propagation !== undefined) build.propagation = propagation;
  const routeScale = buildRouteScale(ctx, document.routeScale);
  if (routeScale !== undefined) build.routeScale = routeScale;
  const counted = (list: unknown[] | undefined) => listOf(list).length;
  const measures = [document.load, document.propagation, document.routeScale].some((part) => part !== undefined);
  if (counted(document.await) + counted(document.requests) + counted(document.splits) + counted(document.then) === 0 && !measures) {
    ctx.report([], 'checks nothing: add await, requests, splits, then, load, propagation or routeScale');
  }
  return build;
}
