// Pruning as the API server does it for structural schemas: fields the schema does not declare are dropped
// (unless x-kubernetes-preserve-unknown-fields or a map schema keeps them), and nulls of non-nullable fields
// are dropped so that defaulting can fill them. The dropped paths are returned so that the caller can reject
// them under fieldValidation=Strict or warn about them.
import { childPath } from './field-cause.ts';
import { isRecord, mapValueSchema, type StructuralSchema } from './structural-schema.ts';

/** Fields every object at the root (or an embedded resource) carries whatever its schema says. */
const objectEnvelope = new Set(['apiVersion', 'kind', 'metadata']);

export interface PruneOptions {
  /** Keep nulls (an apply configuration's null says "remove this field" and must survive decoding). */
  keepNulls?: boolean;
}

function pruneObject(object: Record<string, unknown>, schema: StructuralSchema, path: string, isResource: boolean, unknown: string[], options: PruneOptions): void {
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true || schema.additionalProperties === true;
  const valueSchema = mapValueSchema(schema);
  for (const key of Object.keys(object)) {
    const keyPath = childPath(path, key);
    if (isResource && objectEnvelope.has(key)) {
      // metadata is ObjectMeta, checked by the API server itself; only apiVersion/kind are plain strings.
      continue;
    }
    const declared = schema.properties?.[key] ?? valueSchema;
    if (declared === undefined) {
      if (!preserve) {
        delete object[key];
        unknown.push(keyPath);
      }
      continue;
    }
    if (object[key] === null && declared.nullable !== true) {
      if (options.keepNulls !== true) delete object[key];
      continue;
    }
    pruneValue(object[key], declared, keyPath, unknown, options);
  }
}

function pruneValue(value: unknown, schema: StructuralSchema, path: string, unknown: string[], options: PruneOptions): void {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items === undefined) return;
    value.forEach((item, index) => {
      pruneValue(item, items, childPath(path, index), unknown, options);
    });
    return;
  }
  if (isRecord(value)) {
    pruneObject(value, schema, path, schema['x-kubernetes-embedded-resource'] === true, unknown, options);
  }
}

/** Prunes `object` (a whole custom resource) in place; returns the paths of the fields it dropped. */
export function pruneUnknownFields(object: Record<string, unknown>, schema: StructuralSchema, options: PruneOptions = {}): string[] {
  const unknown: string[] = [];
  pruneObject(object, schema, '', true, unknown, options);
  return unknown;
}
