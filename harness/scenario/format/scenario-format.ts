// The declaration of scenario.yaml: the loader validates against it, the TypeScript types of a parsed
// document come from it (Static), and docs/scenario.schema.json is generated from it
// (`npm run schema:scenario`), so the three cannot drift apart. Rules JSON Schema cannot say (one protocol key
// per request, phase rules, weights, id = folder, `parents: accepted` naming a route of the scenario) are
// checked in code, in ../build/.
import Type, { type Static } from 'typebox';
import { AwaitEntry } from './await-format.ts';
import { LoadSection, Propagation, RouteScale } from './load-format.ts';
import { nonEmptyString, ObjectRef, Port } from './primitives.ts';
import { RequestCase, SplitCase } from './traffic-format.ts';

export const SCENARIO_SCHEMA_ID = 'urn:gateway-gauntlet:scenario';
export const knownProfiles = ['GATEWAY-HTTP', 'GATEWAY-TLS', 'GATEWAY-TCP', 'GATEWAY-UDP', 'GATEWAY-GRPC', 'MESH-HTTP', 'MESH-GRPC'] as const;
export const channels = ['standard', 'experimental'] as const;

/** A file beside scenario.yaml (string or {file}), or a Kubernetes object written inline. */
export const ManifestEntry = Type.Union(
  [
    nonEmptyString('a manifest file beside scenario.yaml (may hold several YAML documents)'),
    Type.Object({ file: nonEmptyString('a manifest file beside scenario.yaml') }, { additionalProperties: false }),
    Type.Object({ apiVersion: nonEmptyString('apiVersion'), kind: nonEmptyString('kind') }, { additionalProperties: true, description: 'a Kubernetes object written inline' }),
  ],
  { 'x-expects': 'a file name (string or {file: name}) or an inline object with apiVersion and kind' },
);

const DeletedObject = Type.Object(
  {
    apiVersion: Type.Optional(nonEmptyString('needed for kinds the harness does not know')),
    kind: nonEmptyString('the kind'),
    namespace: Type.Optional(nonEmptyString('default defaults.namespace for namespaced kinds; none for cluster-scoped kinds')),
    name: nonEmptyString('the name'),
  },
  { additionalProperties: false },
);

export const Phase = Type.Object(
  {
    name: nonEmptyString('says what changes; prefixes the phase step names'),
    delete: Type.Optional(Type.Array(DeletedObject, { description: 'objects to delete, each awaited gone' })),
    apply: Type.Optional(Type.Array(ManifestEntry, { description: 'manifests applied after the deletions' })),
    await: Type.Optional(Type.Array(AwaitEntry)),
    requests: Type.Optional(Type.Array(RequestCase)),
    splits: Type.Optional(Type.Array(SplitCase)),
  },
  { additionalProperties: false, description: 'change the cluster (delete, then apply), then check again' },
);

export const Defaults = Type.Object(
  {
    gateway: Type.Optional(ObjectRef('the Gateway of requests, splits and load that name none')),
    port: Type.Optional(Port('the listener port of requests, splits and load that name none (else 80)')),
    namespace: Type.Optional(nonEmptyString('the namespace of await entries, delete entries, backend and mirroredTo expectations that name none')),
  },
  { additionalProperties: false, description: 'values every entry falls back to' },
);

export const ScenarioDocument = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 'x-expects': 'lowercase letters, digits and "-" (like a Kubernetes name)', description: 'equals the folder name' }),
    description: nonEmptyString('one or two sentences: what behaviour this pins down'),
    conformanceTest: Type.Optional(nonEmptyString('the upstream conformance test this mirrors, e.g. HTTPRouteHeaderMatching')),
    profile: Type.Enum([...knownProfiles], { description: 'the conformance profile' }),
    features: Type.Array(nonEmptyString('an upstream SupportedFeature name'), { description: 'upstream SupportedFeature names the scenario needs' }),
    channel: Type.Optional(Type.Enum([...channels], { description: 'default standard; experimental needs the experimental CRD bundle' })),
    defaults: Type.Optional(Defaults),
    manifests: Type.Optional(Type.Array(ManifestEntry, { description: 'applied in this order; deleted when the scenario ends' })),
    await: Type.Optional(Type.Array(AwaitEntry, { description: 'status to reach before any traffic is sent' })),
    requests: Type.Optional(Type.Array(RequestCase, { description: 'each must hold 3 times in a row before a deadline' })),
    splits: Type.Optional(Type.Array(SplitCase, { description: 'distribution of requests over weighted backends' })),
    // biome-ignore lint/suspicious/noThenProperty: `then:` is the format's key; this map of property schemas is never awaited.
    then: Type.Optional(Type.Array(Phase, { description: 'phases: change the cluster, then check again (in order)' })),
    load: Type.Optional(LoadSection),
    propagation: Type.Optional(Propagation),
    routeScale: Type.Optional(RouteScale),
  },
  {
    additionalProperties: false,
    $id: SCENARIO_SCHEMA_ID,
    title: 'Gauntlet scenario',
    description: 'One scenario.yaml: manifests to apply, status to await, traffic and what must come back. See docs/scenarios.md.',
  },
);

export type ScenarioDocumentValue = Static<typeof ScenarioDocument>;
export type DefaultsDocument = Static<typeof Defaults>;
export type PhaseDocumentValue = Static<typeof Phase>;
export type ManifestEntryDocument = Static<typeof ManifestEntry>;
export type DeletedObjectDocument = Static<typeof DeletedObject>;
