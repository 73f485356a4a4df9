// Reads the files load runs and control-plane measurements name: each churn manifest (one change, any
// number of objects) and each route template (exactly one HTTPRoute, with a hostname to derive copies'
// hostnames from). Problems are reported where the scenario names the file.

import type { ManifestEntry } from './build/build-lists.ts';
import type { PendingLoad, PendingPropagation, PendingRouteScale } from './build/build-load.ts';
import type { PlaceholderValues } from './placeholders.ts';
import { resolveManifestEntries } from './resolve-manifest-entries.ts';
import type { ScenarioIssue } from './scenario-error.ts';
import type { LoadSpec, LocatedManifest, PropagationSpec, RouteScaleSpec } from './scenario-types.ts';
import type { YamlDocument } from './yaml-source.ts';

interface Reader {
  yaml: YamlDocument;
  file: string;
  vars: PlaceholderValues;
  issues: ScenarioIssue[];
}

async function read(reader: Reader, entry: ManifestEntry): Promise<LocatedManifest[]> {
  const result = await resolveManifestEntries([entry], reader.yaml, reader.file, reader.vars);
  reader.issues.push(...result.issues);
  return result.manifests;
}

async function readRouteTemplate(reader: Reader, entry: ManifestEntry): Promise<LocatedManifest | undefined> {
  const manifests = await read(reader, entry);
  const [route, extra] = manifests;
  const hostnames = (route?.object.spec as { hostnames?: unknown } | undefined)?.hostnames;
  const problem =
    route === undefined
      ? undefined // reading failed: already reported
      : extra !== undefined || route.object.kind !== 'HTTPRoute'
        ? 'a route template holds exactly one HTTPRoute'
        : !Array.isArray(hostnames) || typeof hostnames[0] !== 'string' || hostnames[0].startsWith('*')
          ? 'a route template needs a first hostname without a wildcard: copy n answers at r<n>.<that hostname>'
          : undefined;
  if (problem !== undefined) {
    const position = reader.yaml.locate(entry.path);
    reader.issues.push({ file: reader.file, ...position, message: `${entry.path.join('.')}: ${problem}` });
    return undefined;
  }
  return route;
}

export async function resolveLoadManifests(
  pending: { loads: PendingLoad[]; propagation?: PendingPropagation; routeScale?: PendingRouteScale },
  yaml: YamlDocument,
  file: string,
  vars: PlaceholderValues,
): Promise<{ loads: LoadSpec[]; propagation?: PropagationSpec; routeScale?: RouteScaleSpec; issues: ScenarioIssue[] }> {
  const reader: Reader = { yaml, file, vars, issues: [] };
  const loads: LoadSpec[] = [];
  for (const load of pending.loads) {
    const { churn, ...rest } = load.during;
    const during: LoadSpec['during'] = { ...rest };
    if (churn !== undefined) {
      const changes: LocatedManifest[][] = [];
      for (const entry of churn.entries) changes.push(await read(reader, entry));
      during.churn = { everyMs: churn.everyMs, changes };
    }
    loads.push({ ...load, during });
  }
  const resolved: { loads: LoadSpec[]; propagation?: PropagationSpec; routeScale?: RouteScaleSpec; issues: ScenarioIssue[] } = { loads, issues: reader.issues };
  if (pending.propagation !== undefined) {
    const { routeEntry, ...spec } = pending.propagation;
    const route = await readRouteTemplate(reader, routeEntry);
    if (route !== undefined) resolved.propagation = { ...spec, route };
  }
  if (pending.routeScale !== undefined) {
    const { routeEntry, ...spec } = pending.routeScale;
    const route = await readRouteTemplate(reader, routeEntry);
    if (route !== undefined) resolved.routeScale = { ...spec, route };
  }
  return resolved;
}
