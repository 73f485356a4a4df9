// Small pieces of the scenario format shared by its larger parts: object references, ports, durations,
// header maps, HTTP statuses. Each carries a description (editors show it on hover) and, where the JSON
// Schema keyword alone would make a poor message, an `x-expects` phrase the loader's messages use
// ("must be <x-expects>, got ...").
import Type from 'typebox';

export const nonEmptyString = (description: string) => Type.String({ minLength: 1, description });

/** "namespace/name", or the long form {namespace, name}. */
export const ObjectRef = (description: string) =>
  Type.Union(
    [
      Type.String({ pattern: '^[^/\\s]+/[^/\\s]+$', 'x-expects': '"namespace/name"', description }),
      Type.Object({ namespace: nonEmptyString('the namespace'), name: nonEmptyString('the name') }, { additionalProperties: false, description }),
    ],
    { description },
  );

export const Port = (description: string) => Type.Integer({ minimum: 1, maximum: 65535, description });

// Go's time.ParseDuration grammar without sign: one or more <number><unit>, or a bare 0.
export const GO_DURATION_PATTERN = '^(0|((\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)$';

export const Duration = (description: string) => Type.String({ pattern: GO_DURATION_PATTERN, 'x-expects': 'a Go duration such as 500ms, 2s or 1m30s', description });

/** Header name -> value. Numbers are accepted (YAML reads `version: 2` as one) and sent as text. */
export const HeaderMap = (description: string) => Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), { description });

/**
 * A response header's acceptable value: text (exact; repeated field lines joined by commas), `{ list: [...] }`
 * (a comma-separated list of exactly these elements, any order, spaces ignored), or a list of such values,
 * any one of which will do. For headers whose value the specification leaves open to several forms.
 */
const HeaderValueForm = Type.Union([
  Type.String(),
  Type.Number(),
  Type.Object({ list: Type.Array(nonEmptyString('an element of the list'), { minItems: 1 }) }, { additionalProperties: false, description: 'a comma-separated list of exactly these elements, in any order' }),
]);

export const ResponseHeaderMap = (description: string) =>
  Type.Record(Type.String(), Type.Union([HeaderValueForm, Type.Array(HeaderValueForm, { minItems: 1, description: 'acceptable values: any one of them' })]), {
    description,
    'x-expects': 'header name -> a value, { list: [elements] }, or a list of acceptable values',
  });

export const HeaderNames = (description: string) => Type.Array(nonEmptyString('a header name (case-insensitive)'), { description });

export const HttpStatus = Type.Integer({ minimum: 100, maximum: 599, description: 'an HTTP status code' });

export const Weights = (description: string) => Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 1_000_000 }), { description });
