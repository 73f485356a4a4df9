// The results schema's step part: one step of a scenario (apply, await, request, split, load, cleanup), with
// what a failure carries for the report (expected versus got, the objects' status at that moment) and what
// traffic steps measure (route propagation, split counts).
import Type from 'typebox';

const Outcome = Type.Enum(['passed', 'failed', 'skipped'], { description: 'passed, failed, or skipped (with the reason as message)' });

export const OutcomeSchema = Outcome;

export const ComparisonSchema = Type.Object(
  {
    field: Type.String({ description: 'what was compared, e.g. "status", "parent infra/gw", "share of infra-backend-v1"' }),
    expected: Type.String({ description: 'what the scenario expected' }),
    actual: Type.String({ description: 'what came instead' }),
  },
  { additionalProperties: false, description: 'one expected-versus-got pair of a failed step' },
);

export const ObservedObjectSchema = Type.Object(
  {
    apiVersion: Type.String(),
    kind: Type.String(),
    namespace: Type.Optional(Type.String({ description: 'absent for cluster-scoped kinds' })),
    name: Type.String(),
    observedAt: Type.String({ format: 'date-time', description: 'when it was read' }),
    found: Type.Boolean({ description: 'false: the object did not exist at that moment' }),
    generation: Type.Optional(Type.Integer({ minimum: 0, description: 'metadata.generation when read' })),
    status: Type.Optional(Type.Unknown({ description: "the object's status as the API served it" })),
    readError: Type.Optional(Type.String({ description: 'why it could not be read; then `found` says nothing' })),
  },
  { additionalProperties: false, description: 'an object as read when a step failed: its status only, never its spec or data' },
);

const Counts = (description: string) => Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description });

export const SplitObservationSchema = Type.Object(
  {
    weights: Type.Record(Type.String(), Type.Number({ minimum: 0 }), { description: 'backend -> declared weight' }),
    counts: Counts('backend -> responses it answered (backends without a weight included)'),
    pValue: Type.Number({ minimum: 0, maximum: 1, description: "the chi-square goodness-of-fit test's p-value over the weighted backends" }),
    significance: Type.Number({ minimum: 0, maximum: 1, description: 'p below this fails the split' }),
    passed: Type.Boolean(),
  },
  { additionalProperties: false, description: 'a weighted split as measured' },
);

export const StepResultSchema = Type.Object(
  {
    name: Type.String({ description: 'e.g. "apply manifests", "status: HTTPRoute ns/name", "request: <name>", "<phase>: split: <name>"' }),
    outcome: Outcome,
    startedAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the step started' })),
    durationMs: Type.Number({ minimum: 0 }),
    message: Type.Optional(Type.String({ description: 'failed: the expected-versus-got account as text (file:line first); skipped: why' })),
    comparisons: Type.Optional(Type.Array(ComparisonSchema, { description: 'failed: what was expected and what came instead, one pair per difference' })),
    objects: Type.Optional(Type.Array(ObservedObjectSchema, { description: "failed: the status of the objects the step depended on (its Gateway or awaited object first, then the scenario's Gateway API objects), read when it failed" })),
    propagationMs: Type.Optional(
      Type.Number({
        minimum: 0,
        description: 'on the first traffic step after a change (apply, delete): ms from the end of that change to the first answer of the passing streak',
      }),
    ),
    split: Type.Optional(SplitObservationSchema),
  },
  { additionalProperties: false, description: 'one step of a scenario' },
);
