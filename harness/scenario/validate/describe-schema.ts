// Words for what a JSON Schema (of the scenario declaration) accepts, for "must be X, got Y" and
// "is required (X)" messages. An `x-expects` annotation on the schema wins over the generated words.

export type JsonSchema = Record<string, unknown>;

function range(schema: JsonSchema): string {
  const { minimum, maximum, exclusiveMinimum } = schema;
  if (typeof minimum === 'number' && typeof maximum === 'number') return ` ${minimum}..${maximum}`;
  const lower = typeof exclusiveMinimum === 'number' ? `> ${exclusiveMinimum}` : typeof minimum === 'number' ? `>= ${minimum}` : '';
  const upper = typeof maximum === 'number' ? `<= ${maximum}` : '';
  const parts = [lower, upper].filter((part) => part !== '');
  return parts.length === 0 ? '' : ` ${parts.join(' and ')}`;
}

function byType(schema: JsonSchema): string {
  switch (schema.type) {
    case 'string':
      return typeof schema.minLength === 'number' && schema.minLength > 0 ? 'a non-empty string' : 'a string';
    case 'integer':
      return `an integer${range(schema)}`;
    case 'number':
      return `a number${range(schema)}`;
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object': {
      const required = Array.isArray(schema.required) ? schema.required : [];
      return required.length > 0 && schema.additionalProperties === false ? `a mapping {${required.join(', ')}}` : 'a mapping';
    }
    default:
      return 'a value';
  }
}

export function describeSchema(schema: JsonSchema): string {
  if (typeof schema['x-expects'] === 'string') return schema['x-expects'];
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((item) => JSON.stringify(item)).join(', ')}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(describeSchema).join(' or ');
  return byType(schema);
}

type JsonType = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';

function jsonTypeOf(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return 'object';
}

/** Whether the schema can accept a value of this JSON type at all (ignoring its other constraints). */
export function acceptsTypeOf(schema: JsonSchema, value: unknown): boolean {
  const actual = jsonTypeOf(value);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).some((branch) => acceptsTypeOf(branch, value));
  if (typeof schema.type === 'string') return (schema.type === 'integer' ? 'number' : schema.type) === actual;
  if ('const' in schema) return jsonTypeOf(schema.const) === actual;
  if (Array.isArray(schema.enum)) return schema.enum.some((item) => jsonTypeOf(item) === actual);
  return true;
}
