// x-kubernetes-list-type invariants the API server enforces: a "set" holds no value twice, a "map" list holds
// no two elements with the same x-kubernetes-list-map-keys.
import { childPath, type FieldCause, formatValue } from './field-cause.ts';
import { fieldSchema, isRecord, type StructuralSchema } from './structural-schema.ts';

/** The identity of a map-list element: its key fields, in the Go notation the API server prints. */
function mapKeyOf(element: unknown, keys: string[]): { id: string; shown: string } {
  const record = isRecord(element) ? element : {};
  const parts = keys.filter((key) => record[key] !== undefined).map((key) => `"${key}":${formatValue(record[key])}`);
  return { id: JSON.stringify(keys.map((key) => record[key] ?? null)), shown: `map[string]interface {}{${parts.join(', ')}}` };
}

function checkList(list: unknown[], schema: StructuralSchema, path: string, causes: FieldCause[]): void {
  const listType = schema['x-kubernetes-list-type'];
  if (listType !== 'set' && listType !== 'map') return;
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  const seen = new Set<string>();
  list.forEach((element, index) => {
    const identity = listType === 'map' ? mapKeyOf(element, keys) : { id: JSON.stringify(element), shown: formatValue(element) };
    if (seen.has(identity.id)) {
      causes.push({ field: childPath(path, index), reason: 'FieldValueDuplicate', message: `Duplicate value: ${identity.shown}` });
    }
    seen.add(identity.id);
  });
}

function walk(value: unknown, schema: StructuralSchema, path: string, causes: FieldCause[]): void {
  if (Array.isArray(value)) {
    checkList(value, schema, path, causes);
    const items = schema.items;
    if (items === undefined) return;
    value.forEach((item, index) => {
      walk(item, items, childPath(path, index), causes);
    });
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      const childSchema = path === '' && key === 'metadata' ? undefined : fieldSchema(schema, key);
      if (childSchema !== undefined) walk(child, childSchema, childPath(path, key), causes);
    }
  }
}

export function validateListTypes(object: unknown, schema: StructuralSchema): FieldCause[] {
  const causes: FieldCause[] = [];
  walk(object, schema, '', causes);
  return causes;
}
