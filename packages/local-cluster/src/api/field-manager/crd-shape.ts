// The shape of a custom resource, read from its CRD version's structural schema: x-kubernetes-list-type
// (atomic when absent, as Kubernetes treats such lists), x-kubernetes-list-map-keys with their schema
// defaults, x-kubernetes-map-type, declared properties as named fields and additionalProperties as map
// entries. metadata is ObjectMeta whatever the schema says.

import { isRecord, type StructuralSchema } from '../../crd/structural-schema.ts';
import { deducedShape, type ListType, objectMetaShape, type Shape } from './shape.ts';

const shapes = new WeakMap<StructuralSchema, Shape>();

function listTypeOf(schema: StructuralSchema): ListType {
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set') return { kind: 'set' };
  const keys = schema['x-kubernetes-list-map-keys'];
  if (listType !== 'map' || !Array.isArray(keys) || keys.length === 0) return { kind: 'atomic' };
  const keyDefaults: Record<string, unknown> = {};
  for (const key of keys) {
    const declared = schema.items?.properties?.[key]?.default;
    if (declared !== undefined) keyDefaults[key] = declared;
  }
  return { kind: 'map', keys, keyDefaults };
}

function shapeOfSchema(schema: StructuralSchema | undefined): Shape {
  if (schema === undefined) return deducedShape;
  const cached = shapes.get(schema);
  if (cached !== undefined) return cached;
  const additional = isRecord(schema.additionalProperties) ? (schema.additionalProperties as StructuralSchema) : undefined;
  const shape: Shape = {
    listType: listTypeOf(schema),
    atomicObject: schema['x-kubernetes-map-type'] === 'atomic',
    field(name) {
      const declared = schema.properties?.[name];
      if (declared !== undefined) return { shape: shapeOfSchema(declared), named: true };
      return { shape: shapeOfSchema(additional), named: false };
    },
    items: () => shapeOfSchema(schema.items),
  };
  shapes.set(schema, shape);
  return shape;
}

/** The shape of a whole custom resource of the version whose openAPIV3Schema is `schema`. */
export function crdShape(schema: StructuralSchema): Shape {
  const root = shapeOfSchema(schema);
  return {
    ...root,
    field: (name) => (name === 'metadata' ? { shape: objectMetaShape, named: true } : root.field(name)),
  };
}
