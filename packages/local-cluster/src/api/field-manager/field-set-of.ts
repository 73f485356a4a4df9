// The fields an object sets (structured-merge-diff's ToFieldSet), which is what an applier comes to own:
// every scalar, every item of a granular list (as a node of its own), every map entry, a null or an empty
// object where it is set, and an atomic list or object as one field.

import { FieldSet } from './field-set.ts';
import { indexItems } from './list-items.ts';
import { fieldElement, type PathElement } from './path-element.ts';
import type { Shape } from './shape.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, shape: Shape, path: PathElement[], set: FieldSet): void {
  if (Array.isArray(value)) {
    if (shape.listType.kind === 'atomic') {
      set.insert(path);
      return;
    }
    for (const [element, item] of indexItems(value, shape.listType, path, true)) {
      const itemPath = [...path, element];
      walk(item, shape.items(), itemPath, set);
      set.insert(itemPath);
    }
    return;
  }
  if (!isObject(value)) {
    set.insert(path);
    return;
  }
  if (shape.atomicObject) {
    set.insert(path);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const { shape: childShape, named } = shape.field(key);
    const childPath = [...path, fieldElement(key)];
    walk(child, childShape, childPath, set);
    if (child === null || (isObject(child) && Object.keys(child).length === 0) || !named) set.insert(childPath);
  }
}

/** The set of fields `object` sets; throws FieldShapeError for an item a keyed list cannot name. */
export function fieldSetOf(object: unknown, shape: Shape): FieldSet {
  const set = new FieldSet();
  walk(object, shape, [], set);
  return set;
}
