// Load runs, propagation and route scale: profile values picked, defaults applied, and the rules JSON
// Schema cannot say checked: a run sends http or a mix (not both), a list names every run uniquely, the
// open model has a rate, thresholds need what they judge (weights, a baseline, a killed pod), autocannon and
// k6 send one request. Files the runs name (churn manifests, route templates) are read afterwards
// (load-scenarios.ts), so they come back as pending entries.
import { describeRequest } from '../describe-request.ts';
import type { BoundDocument, LoadRunDocument, LoadSectionDocument, ProfiledNumberDocument, PropagationDocument, RouteScaleDocument } from '../format/load-format.ts';
import type { Bound, LoadEntry, LoadExpectation, LoadSpec, LoadStreamSpec, PropagationSpec, RouteScaleSpec } from '../scenario-types.ts';
import type { YamlPath } from '../yaml-source.ts';
import { objectNamespace } from './build-await.ts';
import type { BuildContext } from './build-context.ts';
import type { ManifestEntry } from './build-lists.ts';
import { buildTarget, headerText, objectRef } from './build-target.ts';
import { buildHttpRequest } from './build-traffic.ts';

/** A load run whose churn manifests are still to be read. */
export type PendingLoad = Omit<LoadSpec, 'during'> & { during: Omit<LoadSpec['during'], 'churn'> & { churn?: { everyMs: number; entries: ManifestEntry[] } } };
export type PendingPropagation = Omit<PropagationSpec, 'route'> & { routeEntry: ManifestEntry };
export type PendingRouteScale = Omit<RouteScaleSpec, 'route'> & { routeEntry: ManifestEntry };

export const DEFAULT_LOAD_CONNECTIONS = 10;
export const DEFAULT_LOAD_TIMEOUT_SECONDS = 10;
export const DEFAULT_SPLIT_CONFIDENCE = 0.999;

export function profiled(ctx: BuildContext, value: ProfiledNumberDocument): number {
  return typeof value === 'number' ? value : value[ctx.profile];
}

export function bound(value: BoundDocument): Bound {
  return typeof value === 'number' ? { atMost: value } : { ...value };
}

function boundsOf<K extends string>(values: Partial<Record<K, BoundDocument>> | undefined): Partial<Record<K, Bound>> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, bound(value as BoundDocument)])) as Partial<Record<K, Bound>>;
}

/** PING lines a TCP load connection sends when the scenario does not say. */
export const DEFAULT_TCP_LOAD_PINGS = 100;

/** A run of gRPC calls or TCP connections: one of the two, no HTTP, and only what their loop can do (closed model, the gauntlet engine). */
function streamOf(ctx: BuildContext, run: LoadRunDocument, path: YamlPath): LoadStreamSpec | undefined {
  if (run.grpc === undefined && run.tcp === undefined) return undefined;
  const given = (['http', 'mix', 'grpc', 'tcp'] as const).filter((key) => run[key] !== undefined);
  for (const extra of given.slice(1)) ctx.report([...path, extra], `one kind of traffic per load run: this one already sends ${given[0]}`);
  const at = (key: string) => [...path, key];
  if (run.rate !== undefined || run.model === 'open') ctx.report(at(run.rate !== undefined ? 'rate' : 'model'), 'gRPC and TCP loads run the closed model only (as fast as the connections go): remove it');
  if (run.engine !== undefined && run.engine !== 'gauntlet') ctx.report(at('engine'), `${run.engine} speaks HTTP/1.1 only: gRPC and TCP loads run in the gauntlet engine`);
  for (const key of ['baseline', 'during', 'weights', 'workers', 'runners'] as const) {
    if (run[key] !== undefined) ctx.report(at(key), 'is for HTTP loads; a gRPC or TCP load does not take it');
  }
  if (run.grpc !== undefined) {
    if (run.grpc.tls?.ca !== undefined) ctx.report([...path, 'grpc', 'tls', 'ca'], 'is not read by load runs (the certificate is not verified under load): remove it');
    const { metadata, tls, ...rest } = run.grpc;
    const text = headerText(metadata);
    return { protocol: 'grpc', call: { ...rest, ...(text === undefined ? {} : { metadata: text }), ...(tls === undefined ? {} : { tls: tls.serverName === undefined ? {} : { serverName: tls.serverName } }) } };
  }
  return { protocol: 'tcp', pings: run.tcp?.pings ?? DEFAULT_TCP_LOAD_PINGS };
}

function entriesOf(ctx: BuildContext, run: LoadRunDocument, path: YamlPath): LoadEntry[] {
  if (run.grpc !== undefined || run.tcp !== undefined) return [];
  if ((run.http === undefined) === (run.mix === undefined)) {
    ctx.report(path, run.http === undefined ? 'says nothing to send: add http (one request) or mix (several)' : 'has both http and mix: keep one');
  }
  if (run.mix !== undefined) {
    return run.mix.map((entry) => {
      const request = buildHttpRequest(entry.http);
      return { name: entry.name ?? describeRequest(request), request, ...(entry.backend === undefined ? {} : { expectedBackend: entry.backend }) };
    });
  }
  const request = buildHttpRequest(run.http ?? { path: '/' });
  return [{ name: describeRequest(request), request }];
}

function expectationOf(ctx: BuildContext, run: LoadRunDocument, path: YamlPath): LoadExpectation {
  const given = run.expect ?? {};
  const expect: LoadExpectation = {
    maxErrors: given.maxErrors ?? 0,
    splitWithinBounds: given.splitWithinBounds ?? false,
    splitConfidence: given.splitConfidence ?? DEFAULT_SPLIT_CONFIDENCE,
    maxMisroutes: given.maxMisroutes ?? 0,
    latencyMs: boundsOf(given.latencyMs),
  };
  if (given.requestsPerSecond !== undefined) expect.requestsPerSecond = bound(given.requestsPerSecond);
  if (given.bytesPerSecond !== undefined) expect.bytesPerSecond = bound(given.bytesPerSecond);
  if (given.baselineRatio !== undefined) expect.baselineRatio = boundsOf(given.baselineRatio);
  if (given.recoveryMs !== undefined) expect.recoveryMs = bound(given.recoveryMs);
  const at = (key: string) => [...path, 'expect', key];
  if (expect.splitWithinBounds && run.weights === undefined) ctx.report([...path, 'weights'], 'is required when expect.splitWithinBounds is true (backend name -> weight)');
  if (given.splitConfidence !== undefined && !expect.splitWithinBounds) ctx.report(at('splitConfidence'), 'judges nothing without splitWithinBounds: true');
  if (given.baselineRatio !== undefined && run.baseline === undefined) ctx.report(at('baselineRatio'), 'needs a baseline to compare with: add baseline (the backend Service and port)');
  if (given.bytesPerSecond !== undefined && run.tcp === undefined) ctx.report(at('bytesPerSecond'), 'is measured for tcp: loads only');
  if (given.recoveryMs !== undefined && run.during?.killPod === undefined) ctx.report(at('recoveryMs'), 'needs during.killPod: recovery is timed from the killed pod');
  if (given.maxMisroutes !== undefined && !(run.mix ?? []).some((entry) => entry.backend !== undefined)) ctx.report(at('maxMisroutes'), 'judges nothing: no mix entry names a backend');
  return expect;
}

function checkWeights(ctx: BuildContext, weights: Record<string, number>, path: YamlPath): void {
  if (Object.values(weights).every((weight) => weight === 0)) ctx.report(path, 'needs at least one backend with a weight above 0');
}

/** Engine/model combinations that cannot run, each reported at its field. */
function checkEngineChoice(ctx: BuildContext, run: LoadRunDocument, path: YamlPath, engine: string, model: string, rate: number | undefined): void {
  if (model === 'open' && rate === undefined) ctx.report([...path, 'rate'], 'is required by the open model: requests per second');
  if (engine !== 'gauntlet' && run.mix !== undefined) ctx.report([...path, 'engine'], `${engine} sends one request here: use the gauntlet engine for a mix`);
  if (engine === 'autocannon' && model === 'open') ctx.report([...path, 'engine'], 'autocannon has no open model (its rate caps a closed model): use the gauntlet or k6 engine, or model: closed');
  if (engine !== 'gauntlet' && (run.baseline !== undefined || run.during !== undefined)) ctx.report([...path, 'engine'], `${engine}: baseline and during need the gauntlet engine`);
  if (run.runners !== undefined && engine !== 'k6') ctx.report([...path, 'runners'], 'is for the k6 engine (a k6-operator TestRun): set engine: k6 or remove it');
}

function duringOf(ctx: BuildContext, run: LoadRunDocument, path: YamlPath, durationSeconds: number): PendingLoad['during'] {
  const during: PendingLoad['during'] = {};
  const { churn, killPod } = run.during ?? {};
  if (churn !== undefined) during.churn = { everyMs: churn.everyMs, entries: churn.apply.map((file, index) => ({ file, path: [...path, 'during', 'churn', 'apply', index] })) };
  if (killPod !== undefined) {
    const namespace = objectNamespace(ctx, 'Pod', killPod.namespace, [...path, 'during', 'killPod']);
    if (Object.keys(killPod.selector).length === 0) ctx.report([...path, 'during', 'killPod', 'selector'], 'needs at least one label: an empty selector would pick any pod');
    if (killPod.afterSeconds >= durationSeconds) ctx.report([...path, 'during', 'killPod', 'afterSeconds'], `is not within the load (durationSeconds ${durationSeconds})`);
    during.killPod = { namespace: namespace ?? '', selector: killPod.selector, afterSeconds: killPod.afterSeconds };
  }
  return during;
}

function buildRun(ctx: BuildContext, run: LoadRunDocument, path: YamlPath, name: string): PendingLoad {
  const entries = entriesOf(ctx, run, path);
  const stream = streamOf(ctx, run, path);
  const model = run.model ?? (run.rate === undefined ? 'closed' : 'open');
  const rate = run.rate === undefined ? undefined : profiled(ctx, run.rate);
  const engine = run.engine ?? 'gauntlet';
  if (stream === undefined) checkEngineChoice(ctx, run, path, engine, model, rate);
  if (run.weights !== undefined) checkWeights(ctx, run.weights, [...path, 'weights']);
  const durationSeconds = profiled(ctx, run.durationSeconds);
  const spec: PendingLoad = {
    name,
    ...buildTarget(ctx, run, path),
    engine,
    model,
    durationSeconds,
    connections: run.connections === undefined ? DEFAULT_LOAD_CONNECTIONS : profiled(ctx, run.connections),
    timeoutSeconds: run.timeoutSeconds ?? DEFAULT_LOAD_TIMEOUT_SECONDS,
    request: entries[0]?.request ?? { path: '/' },
    entries,
    during: duringOf(ctx, run, path, durationSeconds),
    expect: expectationOf(ctx, run, path),
    source: ctx.locate(path),
  };
  if (rate !== undefined) spec.rate = rate;
  if (stream !== undefined) spec.stream = stream;
  if (run.workers !== undefined) spec.workers = run.workers;
  if (run.runners !== undefined) spec.k6Runners = run.runners;
  if (run.weights !== undefined) spec.weights = run.weights;
  if (run.baseline !== undefined) spec.baseline = { service: objectRef(run.baseline.service), port: run.baseline.port };
  return spec;
}

export function buildLoads(ctx: BuildContext, section: LoadSectionDocument | undefined): PendingLoad[] {
  if (section === undefined || ctx.invalid(['load'])) return [];
  if (!Array.isArray(section)) return [buildRun(ctx, section, ['load'], section.name ?? 'load')];
  const seen = new Set<string>();
  return section.map((run, index) => {
    const path = ['load', index];
    if (run.name === undefined) ctx.report(path, 'needs a name: each run of a load list is named in steps and results');
    else if (seen.has(run.name)) ctx.report([...path, 'name'], `duplicate load run name ${JSON.stringify(run.name)}; names must be unique`);
    seen.add(run.name ?? '');
    return buildRun(ctx, run, path, run.name ?? `load ${index + 1}`);
  });
}

export function buildPropagation(ctx: BuildContext, document: PropagationDocument | undefined): PendingPropagation | undefined {
  if (document === undefined || ctx.invalid(['propagation'])) return undefined;
  const path = ['propagation'];
  return {
    ...buildTarget(ctx, document, path),
    routeEntry: { file: document.route, path: [...path, 'route'] },
    existingRoutes: profiled(ctx, document.existingRoutes),
    measuredRoutes: profiled(ctx, document.measuredRoutes),
    timeoutSeconds: document.timeoutSeconds ?? 30,
    expect: { delayMs: boundsOf(document.expect?.delayMs), maxErrors: document.expect?.maxErrors ?? 0 },
    source: ctx.locate(path),
  };
}

export function buildRouteScale(ctx: BuildContext, document: RouteScaleDocument | undefined): PendingRouteScale | undefined {
  if (document === undefined || ctx.invalid(['routeScale'])) return undefined;
  const path = ['routeScale'];
  const { gateway } = buildTarget(ctx, document, path);
  const expect = document.expect ?? {};
  const spec: PendingRouteScale = {
    gateway,
    routeEntry: { file: document.route, path: [...path, 'route'] },
    routes: profiled(ctx, document.routes),
    concurrency: document.concurrency ?? 16,
    timeoutSeconds: document.timeoutSeconds ?? 120,
    expect: {
      ...(expect.settledMs === undefined ? {} : { settledMs: bound(expect.settledMs) }),
      ...(expect.deletedMs === undefined ? {} : { deletedMs: bound(expect.deletedMs) }),
      ...(expect.statusWritesPerRoute === undefined ? {} : { statusWritesPerRoute: bound(expect.statusWritesPerRoute) }),
    },
    source: ctx.locate(path),
  };
  if (document.listener !== undefined) spec.listener = document.listener;
  return spec;
}
