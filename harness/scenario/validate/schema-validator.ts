// Validates a parsed scenario.yaml against the declaration (format/scenario-format.ts) with ajv and turns
// ajv's errors into FieldProblems that say what to write instead:
//   unknown field; expected one of: ...          (at the key itself)
//   is required (a non-empty string)
//   must be "namespace/name", got string "infra"
import { Ajv, type ErrorObject } from 'ajv';
import { ScenarioDocument } from '../format/scenario-format.ts';
import type { YamlPath } from '../yaml-source.ts';
import { describeSchema, type JsonSchema } from './describe-schema.ts';
import { describeValue, type FieldProblem, fieldProblem } from './field-problem.ts';
import { reduceUnionErrors } from './union-errors.ts';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
ajv.addVocabulary(['x-expects']);
const validate = ajv.compile(ScenarioDocument);

/** JSON pointer -> path, with array indices as numbers (as yaml-source.ts and the labels want them). */
function pathOf(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const index = Number(key);
    const step = Array.isArray(node) && Number.isInteger(index) ? index : key;
    path.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return path;
}

function toProblem(error: ErrorObject, root: unknown): FieldProblem {
  const path: YamlPath = pathOf(error.instancePath, root);
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((parent.properties ?? {}) as object);
      return fieldProblem([...path, String(error.params.additionalProperty)], `unknown field; expected one of: ${known.join(', ')}`, true);
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const schema = ((parent.properties ?? {}) as Record<string, JsonSchema>)[missing] ?? {};
      return fieldProblem([...path, missing], `is required (${describeSchema(schema)})`);
    }
    case 'minItems':
      return fieldProblem(path, `must list at least ${String(error.params.limit)} item(s)`);
    case 'anyOf':
      return fieldProblem(path, `must be ${describeSchema(parent)}, got ${describeValue(error.data)}`);
    default:
      return fieldProblem(path, `must be ${describeSchema(parent)}, got ${describeValue(error.data)}`);
  }
}

/** Every problem the declaration finds in a parsed scenario document; empty when it conforms. */
export function validateScenarioDocument(value: unknown): FieldProblem[] {
  if (validate(value)) return [];
  const problems = reduceUnionErrors(validate.errors ?? []).map((error) => toProblem(error, value));
  // Several keywords can fail on one value (pattern and minLength): say it once.
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path.join('/')}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
