// The results schema: results.json, the results model of one run, declared once here. docs/results.schema.json
// is generated from it (json-schema-file.ts) and types-match.ts makes the type check fail when it and the
// TypeScript model (run-result.ts, harness/load) drift apart.
//
// Versioning: `schemaVersion` is RESULTS_SCHEMA_VERSION. Adding an optional field keeps the version (older files
// stay valid, older readers ignore it); renaming, removing or retyping a field, or making one required, bumps it.
import Type from 'typebox';
import { RESULTS_SCHEMA_VERSION } from '../run-result.ts';
import { ControlPlaneResultSchema, LoadResultSchema } from './load-schema.ts';
import { SideBySideResultSchema } from './side-by-side-schema.ts';
import { OutcomeSchema, StepResultSchema } from './step-schema.ts';

export const RESULTS_SCHEMA_ID = `https://gauntlet.dev/schemas/results-v${RESULTS_SCHEMA_VERSION}.json`;

export const ScenarioResultSchema = Type.Object(
  {
    id: Type.String({ description: "the scenario's id (its folder name)" }),
    description: Type.String(),
    conformanceTest: Type.Optional(Type.String({ description: 'the upstream conformance test it mirrors, e.g. HTTPRouteSimpleSameNamespace' })),
    profile: Type.String({ description: 'the conformance profile, e.g. GATEWAY-HTTP' }),
    features: Type.Array(Type.String(), { description: 'Gateway API features it needs' }),
    outcome: OutcomeSchema,
    skippedBecause: Type.Optional(
      Type.Enum(['channel', 'unsupported-feature', 'flag', 'interrupted'], {
        description:
          'why a skipped scenario did not run: channel (it needs CRDs of another release channel), unsupported-feature (the implementation lacks a feature it needs), flag (left out by --run, --skip or --skip-provisional), interrupted (the run was stopped, Ctrl-C or SIGTERM, before or while it ran)',
      }),
    ),
    durationMs: Type.Number({ minimum: 0 }),
    steps: Type.Array(StepResultSchema, { description: 'in the order they ran; cleanup last' }),
    load: Type.Optional(LoadResultSchema),
    loads: Type.Optional(Type.Array(LoadResultSchema, { description: 'every load run of the scenario, in order (load is the first)' })),
    controlPlane: Type.Optional(ControlPlaneResultSchema),
  },
  { additionalProperties: false, description: 'one scenario of the run' },
);

export const ImplementationInfoSchema = Type.Object(
  {
    organization: Type.String(),
    project: Type.String(),
    url: Type.String(),
    version: Type.String(),
    contact: Type.Array(Type.String()),
  },
  { additionalProperties: false, description: 'the implementation under test, as the upstream ConformanceReport names it' },
);

export const RunResultSchema = Type.Object(
  {
    schemaVersion: Type.Literal(RESULTS_SCHEMA_VERSION, { description: 'the version of this format' }),
    runId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'names the run folder reports/<runId>/' }),
    startedAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.String({ format: 'date-time' }),
    cluster: Type.Object({ provider: Type.Enum(['local', 'kind', 'k3s', 'kubeconfig']) }, { additionalProperties: false }),
    implementation: ImplementationInfoSchema,
    gatewayClass: Type.String({ description: 'the GatewayClass under test' }),
    gatewayAPI: Type.Object(
      { version: Type.String({ description: 'e.g. v1.6.1' }), channel: Type.Enum(['standard', 'experimental']) },
      { additionalProperties: false, description: 'the Gateway API CRDs the run installed' },
    ),
    mode: Type.Optional(Type.String({ description: "upstream's operating mode of the ConformanceReport (--mode); absent: default" })),
    loadProfile: Type.Optional(Type.String({ description: 'the run profile load scenarios took their sizes from (--profile: smoke or nightly)' })),
    supportedFeatures: Type.Optional(
      Type.Object(
        {
          all: Type.Boolean({ description: 'every feature (--all-features, less --exempt-features)' }),
          features: Type.Array(Type.String(), { description: 'the supported features when not all' }),
          source: Type.String({ description: 'e.g. "GatewayClass gauntlet status.supportedFeatures" or "--supported-features"' }),
        },
        { additionalProperties: false, description: 'the features the implementation was taken to support' },
      ),
    ),
    scenarios: Type.Array(ScenarioResultSchema),
    sideBySide: Type.Optional(SideBySideResultSchema),
    interrupted: Type.Optional(
      Type.Object(
        { signal: Type.String({ description: 'e.g. SIGINT' }), at: Type.String({ format: 'date-time' }) },
        { additionalProperties: false, description: 'present when the run was interrupted: the report covers what ran until then' },
      ),
    ),
  },
  {
    $id: RESULTS_SCHEMA_ID,
    title: 'Gauntlet run results (results.json)',
    additionalProperties: false,
    description:
      'The results of one `gauntlet run`: every scenario and step, failures with expected versus got and the objects’ status, load figures. Every report (index.html, summary.md, junit.xml, the ConformanceReport) is rendered from it; `gauntlet report <run-dir>` renders them again. schemaVersion changes only on incompatible changes; optional fields may be added within a version.',
  },
);
