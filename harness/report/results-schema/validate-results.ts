// Checks a parsed results.json against the results schema, with a plain JSON Schema validator (ajv) reading the
// generated schema, as any other consumer of docs/results.schema.json would.
//
//   validateResults(value): string[]     empty: valid; else one line per problem, "<JSON pointer>: <what>"
import { Ajv, type ErrorObject } from 'ajv';
import { resultsJsonSchema } from './json-schema-file.ts';

/** RFC 3339 date-time, as JSON Schema's `date-time` format means it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

let compiled: ReturnType<Ajv['compile']> | undefined;

function validator(): ReturnType<Ajv['compile']> {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, formats: { 'date-time': (text: string) => DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)) } });
    compiled = ajv.compile(resultsJsonSchema());
  }
  return compiled;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(the top level)';
  if (error.keyword === 'additionalProperties') return `${where}: unknown field ${JSON.stringify(error.params.additionalProperty)}`;
  if (error.keyword === 'enum') return `${where}: must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
  if (error.keyword === 'const') return `${where}: must be ${JSON.stringify(error.params.allowedValue)}`;
  return `${where}: ${error.message ?? error.keyword}`;
}

export function validateResults(value: unknown): string[] {
  const validate = validator();
  if (validate(value)) return [];
  return [...new Set((validate.errors ?? []).map(describe))];
}
