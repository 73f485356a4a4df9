// Which fields a built-in kind has, read from @kubernetes/client-node's generated models (each model
// class lists its fields and their types): the real API server decodes built-in objects into typed
// structs and so drops, warns about or refuses (fieldValidation) every field the type does not have.
// The models are generated from a Kubernetes release at least as new as the one served here: a field
// added after 1.32 passes unnoticed, none that 1.32 has is ever called unknown.

import * as models from '@kubernetes/client-node';
import { childPath } from '../crd/field-cause.ts';
import { isRecord } from '../crd/structural-schema.ts';

type Json = Record<string, unknown>;

interface AttributeType {
  baseName: string;
  type: string;
}

/** Model class names that do not follow `V1<Kind>`. */
const MODEL_OF_KIND: Record<string, string> = {
  '/Event': 'CoreV1Event',
  'events.k8s.io/Event': 'EventsV1Event',
};

const fieldsByModel = new Map<string, Map<string, string> | undefined>();

/** field name -> type name of a model class, or undefined when the package has no such model. */
function fieldsOf(model: string): Map<string, string> | undefined {
  if (fieldsByModel.has(model)) return fieldsByModel.get(model);
  const candidate = (models as Record<string, unknown>)[model];
  let fields: Map<string, string> | undefined;
  if (typeof candidate === 'function' && 'getAttributeTypeMap' in candidate && typeof candidate.getAttributeTypeMap === 'function') {
    const attributes = candidate.getAttributeTypeMap() as AttributeType[];
    fields = new Map(attributes.map((a) => [a.baseName, a.type]));
  }
  fieldsByModel.set(model, fields);
  return fields;
}

export function modelOfBuiltInKind(group: string, kind: string): string {
  return MODEL_OF_KIND[`${group}/${kind}`] ?? `V1${kind}`;
}

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

function pruneValue(value: unknown, type: string, path: string, unknown: string[]): void {
  const array = ARRAY.exec(type);
  if (array?.[1] !== undefined) {
    const itemType = array[1];
    if (!Array.isArray(value)) return;
    value.forEach((item, index) => {
      pruneValue(item, itemType, childPath(path, index), unknown);
    });
    return;
  }
  const map = MAP.exec(type);
  if (map?.[1] !== undefined) {
    const valueType = map[1];
    if (isRecord(value)) for (const [key, item] of Object.entries(value)) pruneValue(item, valueType, childPath(path, key), unknown);
    return;
  }
  const fields = fieldsOf(type);
  if (fields && isRecord(value)) pruneObject(value, fields, path, unknown);
}

function pruneObject(object: Json, fields: Map<string, string>, path: string, unknown: string[]): void {
  for (const key of Object.keys(object)) {
    const type = fields.get(key);
    if (type === undefined) {
      delete object[key];
      unknown.push(childPath(path, key));
      continue;
    }
    pruneValue(object[key], type, childPath(path, key), unknown);
  }
}

/**
 * Drops, in place, the fields of `object` (a whole built-in object of the model's kind) that the kind
 * does not have; returns their paths (`spec.containers[0].imagePullPolicyy`). A kind without a model
 * is left alone.
 */
export function pruneUnknownBuiltInFields(object: Json, model: string): string[] {
  const unknown: string[] = [];
  pruneValue(object, model, '', unknown);
  return unknown;
}

/** The same for an object's metadata alone (custom resources: their schema leaves ObjectMeta to the server). */
export function pruneUnknownMetadataFields(object: Json): string[] {
  const unknown: string[] = [];
  pruneValue(object.metadata, 'V1ObjectMeta', 'metadata', unknown);
  return unknown;
}
