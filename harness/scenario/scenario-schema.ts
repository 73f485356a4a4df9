// The scenario.yaml schema, checked by hand so that each message says exactly what to write instead.
// readScenarioDocument() turns one parsed scenario.yaml into a Scenario minus its manifests (those are
// files to read next), recording every problem in the FieldReader.

import { describeRequest } from './describe-request.ts';
import { type FieldReader, isMapping, type Mapping } from './field-reader.ts';
import type {
  AwaitedObject,
  ConditionExpectation,
  ConditionStatus,
  GatewayTarget,
  ListenerConditions,
  LoadSpec,
  ParentConditions,
  ProbeRequestSpec,
  RequestCase,
  ResponseExpectation,
  SourceLocation,
  SplitCase,
} from './scenario-types.ts';
import type { YamlPath } from './yaml-source.ts';

export type Locate = (path: YamlPath) => SourceLocation;

/** A manifests[] entry: a file beside scenario.yaml, or an object written inline. */
export type ManifestEntry = { file: string; path: YamlPath } | { inline: Mapping; path: YamlPath };

export interface ScenarioDocument {
  id: string;
  description: string;
  conformanceTest?: string;
  profile: string;
  features: string[];
  manifestEntries: ManifestEntry[];
  await: AwaitedObject[];
  requests: RequestCase[];
  splits: SplitCase[];
  load?: LoadSpec;
}

const topLevelKeys = ['id', 'description', 'conformanceTest', 'profile', 'features', 'manifests', 'await', 'requests', 'splits', 'then', 'load'];
const knownProfiles = ['GATEWAY-HTTP', 'GATEWAY-TLS', 'GATEWAY-GRPC', 'MESH-HTTP', 'MESH-GRPC'];
const idPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function readStatus(reader: FieldReader, value: unknown, path: YamlPath): ConditionStatus {
  // YAML reads an unquoted True as a boolean; accept it rather than make authors quote it.
  if (value === true || value === 'True') return 'True';
  if (value === false || value === 'False') return 'False';
  if (value === 'Unknown') return 'Unknown';
  reader.report(path, `must be "True", "False" or "Unknown", got ${JSON.stringify(value ?? null)}`);
  return 'Unknown';
}

function readConditions(reader: FieldReader, parent: Mapping, path: YamlPath): ConditionExpectation[] {
  return reader.list(parent, 'conditions', path).flatMap((item, index) => {
    const itemPath = [...path, 'conditions', index];
    const condition = reader.mapping(item, itemPath);
    if (!condition) return [];
    reader.rejectUnknownKeys(condition, itemPath, ['type', 'status', 'reason']);
    const type = reader.string(condition, 'type', itemPath, true);
    const status = readStatus(reader, condition.status, [...itemPath, 'status']);
    const reason = reader.string(condition, 'reason', itemPath);
    return [reason === undefined ? { type, status } : { type, status, reason }];
  });
}

function readObjectRef(reader: FieldReader, value: unknown, path: YamlPath): { namespace: string; name: string } {
  // "namespace/name" is the short form; a mapping {namespace, name} the long one.
  if (typeof value === 'string') {
    const [namespace, name, extra] = value.split('/');
    if (namespace && name && extra === undefined) return { namespace, name };
    reader.report(path, `must be "namespace/name", got ${JSON.stringify(value)}`);
    return { namespace: '', name: '' };
  }
  const ref = reader.mapping(value, path);
  if (!ref) return { namespace: '', name: '' };
  return { namespace: reader.string(ref, 'namespace', path, true), name: reader.string(ref, 'name', path, true) };
}

function readParents(reader: FieldReader, parent: Mapping, path: YamlPath): ParentConditions[] {
  return reader.list(parent, 'parents', path).flatMap((item, index) => {
    const itemPath = [...path, 'parents', index];
    const entry = reader.mapping(item, itemPath);
    if (!entry) return [];
    reader.rejectUnknownKeys(entry, itemPath, ['gateway', 'sectionName', 'conditions']);
    const ref = readObjectRef(reader, entry.gateway, [...itemPath, 'gateway']);
    const sectionName = reader.string(entry, 'sectionName', itemPath);
    const parentRef = sectionName === undefined ? ref : { ...ref, sectionName };
    return [{ parent: parentRef, conditions: readConditions(reader, entry, itemPath) }];
  });
}

function readListeners(reader: FieldReader, parent: Mapping, path: YamlPath): ListenerConditions[] {
  return reader.list(parent, 'listeners', path).flatMap((item, index) => {
    const itemPath = [...path, 'listeners', index];
    const entry = reader.mapping(item, itemPath);
    if (!entry) return [];
    reader.rejectUnknownKeys(entry, itemPath, ['name', 'conditions', 'attachedRoutes', 'supportedKinds']);
    const listener: ListenerConditions = { name: reader.string(entry, 'name', itemPath, true), conditions: readConditions(reader, entry, itemPath) };
    const attachedRoutes = reader.integer(entry, 'attachedRoutes', itemPath, { min: 0, max: 100_000 });
    if (attachedRoutes !== undefined) listener.attachedRoutes = attachedRoutes;
    if (entry.supportedKinds !== undefined) listener.supportedKinds = reader.stringList(entry, 'supportedKinds', itemPath);
    return [listener];
  });
}

export function readAwait(reader: FieldReader, value: unknown, path: YamlPath, locate: Locate): AwaitedObject[] {
  const entry = reader.mapping(value, path);
  if (!entry) return [];
  reader.rejectUnknownKeys(entry, path, ['kind', 'namespace', 'name', 'conditions', 'parents', 'listeners']);
  const awaited: AwaitedObject = {
    kind: reader.string(entry, 'kind', path, true),
    namespace: reader.string(entry, 'namespace', path, true),
    name: reader.string(entry, 'name', path, true),
    conditions: readConditions(reader, entry, path),
    parents: readParents(reader, entry, path),
    listeners: readListeners(reader, entry, path),
    source: locate(path),
  };
  if (awaited.conditions.length + awaited.parents.length + awaited.listeners.length === 0) {
    reader.report(path, 'lists nothing to await; add conditions, parents or listeners');
  }
  return [awaited];
}

function readTarget(reader: FieldReader, entry: Mapping, path: YamlPath): GatewayTarget {
  const gateway = readObjectRef(reader, entry.gateway, [...path, 'gateway']);
  const port = reader.integer(entry, 'port', path, { min: 1, max: 65535 }) ?? 80;
  return { gateway, port };
}

function readRequestSpec(reader: FieldReader, value: unknown, path: YamlPath): ProbeRequestSpec {
  const entry = reader.mapping(value, path);
  if (!entry) return { path: '/' };
  reader.rejectUnknownKeys(entry, path, ['method', 'path', 'host', 'headers']);
  const requestPath = reader.string(entry, 'path', path, true);
  if (requestPath !== '' && !requestPath.startsWith('/')) reader.report([...path, 'path'], `must start with "/", got ${JSON.stringify(requestPath)}`);
  const spec: ProbeRequestSpec = { path: requestPath };
  const method = reader.string(entry, 'method', path);
  const host = reader.string(entry, 'host', path);
  const headers = reader.stringMap(entry, 'headers', path);
  if (method !== undefined) spec.method = method.toUpperCase();
  if (host !== undefined) spec.host = host;
  if (headers !== undefined) spec.headers = headers;
  return spec;
}

const expectationKeys = ['status', 'backend', 'namespace', 'path', 'host', 'headers', 'absentHeaders'];

function readExpectation(reader: FieldReader, value: unknown, path: YamlPath): ResponseExpectation {
  const entry = reader.mapping(value, path);
  if (!entry) return { status: 0 };
  reader.rejectUnknownKeys(entry, path, expectationKeys);
  const expectation: ResponseExpectation = { status: reader.integer(entry, 'status', path, { min: 100, max: 599, required: true }) ?? 0 };
  for (const key of ['backend', 'namespace', 'path', 'host'] as const) {
    const text = reader.string(entry, key, path);
    if (text !== undefined) expectation[key] = text;
  }
  const headers = reader.stringMap(entry, 'headers', path);
  if (headers !== undefined) expectation.headers = headers;
  if (entry.absentHeaders !== undefined) expectation.absentHeaders = reader.stringList(entry, 'absentHeaders', path);
  return expectation;
}

export function readRequestCase(reader: FieldReader, value: unknown, path: YamlPath, locate: Locate): RequestCase[] {
  const entry = reader.mapping(value, path);
  if (!entry) return [];
  reader.rejectUnknownKeys(entry, path, ['name', 'gateway', 'port', 'request', 'expect']);
  const request = readRequestSpec(reader, entry.request, [...path, 'request']);
  return [
    {
      name: reader.string(entry, 'name', path) ?? describeRequest(request),
      ...readTarget(reader, entry, path),
      request,
      expect: readExpectation(reader, entry.expect, [...path, 'expect']),
      source: locate(path),
    },
  ];
}

function readWeights(reader: FieldReader, parent: Mapping, path: YamlPath, required: boolean): Record<string, number> | undefined {
  const value = parent.weights;
  if (value === undefined || value === null) {
    if (required) reader.report([...path, 'weights'], 'is required (backend name -> weight)');
    return undefined;
  }
  const map = reader.mapping(value, [...path, 'weights']);
  if (!map) return undefined;
  const weights: Record<string, number> = {};
  for (const key of Object.keys(map)) {
    const weight = reader.integer(map, key, [...path, 'weights'], { min: 0, max: 1_000_000, required: true });
    if (weight !== undefined) weights[key] = weight;
  }
  if (Object.values(weights).every((weight) => weight === 0)) reader.report([...path, 'weights'], 'needs at least one backend with a weight above 0');
  return weights;
}

export function readSplitCase(reader: FieldReader, value: unknown, path: YamlPath, locate: Locate): SplitCase[] {
  const entry = reader.mapping(value, path);
  if (!entry) return [];
  reader.rejectUnknownKeys(entry, path, ['name', 'gateway', 'port', 'request', 'weights', 'samples']);
  const request = readRequestSpec(reader, entry.request, [...path, 'request']);
  const split: SplitCase = {
    name: reader.string(entry, 'name', path) ?? `split ${request.host ?? ''}${request.path}`,
    ...readTarget(reader, entry, path),
    request,
    weights: readWeights(reader, entry, path, true) ?? {},
    source: locate(path),
  };
  const samples = reader.integer(entry, 'samples', path, { min: 20, max: 100_000 });
  if (samples !== undefined) split.samples = samples;
  return [split];
}

function readLoadExpectation(reader: FieldReader, value: unknown, path: YamlPath): LoadSpec['expect'] {
  const expectation: LoadSpec['expect'] = { maxErrors: 0, splitWithinBounds: false };
  if (value === undefined || value === null) return expectation;
  const entry = reader.mapping(value, path);
  if (!entry) return expectation;
  reader.rejectUnknownKeys(entry, path, ['maxErrors', 'splitWithinBounds', 'latencyP99Ms']);
  expectation.maxErrors = reader.integer(entry, 'maxErrors', path, { min: 0, max: Number.MAX_SAFE_INTEGER }) ?? 0;
  if (entry.splitWithinBounds !== undefined) {
    if (typeof entry.splitWithinBounds === 'boolean') expectation.splitWithinBounds = entry.splitWithinBounds;
    else reader.report([...path, 'splitWithinBounds'], 'must be true or false');
  }
  const latency = reader.positiveNumber(entry, 'latencyP99Ms', path);
  if (latency !== undefined) expectation.latencyP99Ms = latency;
  return expectation;
}

function readLoad(reader: FieldReader, value: unknown, path: YamlPath, locate: Locate): LoadSpec | undefined {
  const entry = reader.mapping(value, path);
  if (!entry) return undefined;
  reader.rejectUnknownKeys(entry, path, ['gateway', 'port', 'request', 'weights', 'durationSeconds', 'connections', 'rate', 'expect']);
  const load: LoadSpec = {
    ...readTarget(reader, entry, path),
    request: readRequestSpec(reader, entry.request, [...path, 'request']),
    durationSeconds: reader.positiveNumber(entry, 'durationSeconds', path, true) ?? 1,
    connections: reader.integer(entry, 'connections', path, { min: 1, max: 10_000 }) ?? 10,
    expect: readLoadExpectation(reader, entry.expect, [...path, 'expect']),
    source: locate(path),
  };
  const rate = reader.positiveNumber(entry, 'rate', path);
  if (rate !== undefined) load.rate = rate;
  const weights = readWeights(reader, entry, path, load.expect.splitWithinBounds);
  if (weights !== undefined) load.weights = weights;
  return load;
}

/** A list of manifest entries under `key` of `parent` (top-level `manifests`, or a phase's `apply`). */
export function readManifestEntries(reader: FieldReader, parent: Mapping, parentPath: YamlPath, key: string): ManifestEntry[] {
  return reader.list(parent, key, parentPath).flatMap((item, index): ManifestEntry[] => {
    const path = [...parentPath, key, index];
    if (typeof item === 'string') return [{ file: item, path }];
    const entry = reader.mapping(item, path);
    if (!entry) return [];
    if (typeof entry.file === 'string' && Object.keys(entry).length === 1) return [{ file: entry.file, path }];
    if (typeof entry.apiVersion === 'string' && typeof entry.kind === 'string') return [{ inline: entry, path }];
    reader.report(path, 'must be a file name (string or {file: name}) or an inline object with apiVersion and kind');
    return [];
  });
}

function readHeader(reader: FieldReader, root: Mapping): Pick<ScenarioDocument, 'id' | 'description' | 'conformanceTest' | 'profile' | 'features'> {
  const id = reader.string(root, 'id', [], true);
  if (id !== '' && !idPattern.test(id)) reader.report(['id'], `must be lowercase letters, digits and "-" (like a Kubernetes name), got ${JSON.stringify(id)}`);
  const profile = reader.string(root, 'profile', [], true);
  if (profile !== '' && !knownProfiles.includes(profile)) reader.report(['profile'], `must be one of ${knownProfiles.join(', ')}, got ${JSON.stringify(profile)}`);
  const header = { id, description: reader.string(root, 'description', [], true), profile, features: reader.stringList(root, 'features', [], true) };
  const conformanceTest = reader.string(root, 'conformanceTest', []);
  return conformanceTest === undefined ? header : { ...header, conformanceTest };
}

export function readScenarioDocument(reader: FieldReader, value: unknown, locate: Locate): ScenarioDocument | undefined {
  if (!isMapping(value)) {
    reader.report([], 'a scenario file must be a mapping with id, description, profile, features, ...');
    return undefined;
  }
  reader.rejectUnknownKeys(value, [], topLevelKeys);
  const listOf = <T>(key: string, read: (item: unknown, path: YamlPath) => T[]): T[] =>
    reader.list(value, key, []).flatMap((item, index) => read(item, [key, index]));
  const document: ScenarioDocument = {
    ...readHeader(reader, value),
    manifestEntries: readManifestEntries(reader, value, [], 'manifests'),
    await: listOf('await', (item, path) => readAwait(reader, item, path, locate)),
    requests: listOf('requests', (item, path) => readRequestCase(reader, item, path, locate)),
    splits: listOf('splits', (item, path) => readSplitCase(reader, item, path, locate)),
  };
  if (value.load !== undefined && value.load !== null) {
    const load = readLoad(reader, value.load, ['load'], locate);
    if (load) document.load = load;
  }
  const hasPhases = Array.isArray(value.then) && value.then.length > 0;
  if (document.await.length + document.requests.length + document.splits.length === 0 && !document.load && !hasPhases) {
    reader.report([], 'checks nothing: add await, requests, splits, then or load');
  }
  return document;
}
