// The field management of one served resource and endpoint: the shape of its kind (built-in tables, or
// the CRD version's schema) and which endpoint is written.

import type { ResourceInfo } from '../resource-info.ts';
import { apiVersionOf } from '../resource-info.ts';
import { builtInShape } from './built-in-shape.ts';
import { crdShape } from './crd-shape.ts';
import type { FieldManagement } from './field-manager.ts';
import { deducedShape, type Shape } from './shape.ts';

const crdShapes = new WeakMap<object, Shape>();

function shapeOf(info: ResourceInfo): Shape {
  if (info.builtIn) return builtInShape(info.kind);
  const schema = info.validator?.schema;
  if (schema === undefined) return deducedShape;
  let shape = crdShapes.get(schema);
  if (shape === undefined) {
    shape = crdShape(schema);
    crdShapes.set(schema, shape);
  }
  return shape;
}

export function fieldManagementOf(info: ResourceInfo, subresource: 'status' | 'scale' | undefined, now: Date): FieldManagement {
  return {
    shape: shapeOf(info),
    apiVersion: apiVersionOf(info),
    subresource,
    statusIsSubresource: info.hasStatus,
    builtIn: info.builtIn,
    now,
  };
}
