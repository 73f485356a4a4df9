// Turns a JSON value into the CEL value Kubernetes binds to `self`: objects become maps, and numbers typed
// `integer` by the schema become CEL ints (BigInt) while `number` stays a double. Simplification: strings with
// format date-time/duration/byte stay strings (Kubernetes makes them timestamps, durations, bytes); no Gateway
// API rule reads such a field.
import { fieldSchema, isRecord, type StructuralSchema } from './structural-schema.ts';

function isIntegerTyped(schema: StructuralSchema | undefined, value: number): boolean {
  if (schema?.type === 'integer' || schema?.['x-kubernetes-int-or-string'] === true) return Number.isInteger(value);
  if (schema?.type === 'number') return false;
  return Number.isInteger(value);
}

export function toCelValue(value: unknown, schema: StructuralSchema | undefined): unknown {
  if (typeof value === 'number') return isIntegerTyped(schema, value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((item) => toCelValue(item, schema?.items));
  if (isRecord(value)) {
    const map = new Map<string, unknown>();
    for (const [key, child] of Object.entries(value)) {
      map.set(key, toCelValue(child, schema === undefined ? undefined : fieldSchema(schema, key)));
    }
    return map;
  }
  return value;
}
