// The results schema's side-by-side part: where several GatewayClasses disagreed when a run compared them
// (harness/run/side-by-side/disagreements.ts is the model; types-match.ts keeps the two together).
import Type from 'typebox';
import { OutcomeSchema } from './step-schema.ts';

const ClassResultSchema = Type.Object(
  {
    gatewayClass: Type.String(),
    outcome: Type.Union([OutcomeSchema, Type.Literal('absent')], { description: 'absent: the step did not exist in that run' }),
    message: Type.Optional(Type.String({ description: "a failure's expected-versus-got lines, or a skip's reason" })),
  },
  { additionalProperties: false },
);

const DisagreementSchema = Type.Object(
  {
    scenario: Type.String(),
    conformanceTest: Type.Optional(Type.String()),
    assertion: Type.String({ description: 'the step, or "(scenario)" when one class ran the scenario and another did not' }),
    aspect: Type.Enum(['status', 'response', 'split', 'load', 'scenario', 'other']),
    results: Type.Array(ClassResultSchema, { description: 'one per GatewayClass, in the order of gatewayClasses' }),
  },
  { additionalProperties: false },
);

export const SideBySideResultSchema = Type.Object(
  {
    gatewayClasses: Type.Array(Type.String()),
    runIds: Type.Array(Type.String()),
    scenariosCompared: Type.Number({ minimum: 0, description: 'scenarios every class ran or skipped' }),
    disagreements: Type.Array(DisagreementSchema),
  },
  { additionalProperties: false, description: 'a side-by-side run (several --gateway-class): the assertions on which the classes disagree' },
);
