// Two helpers of the pruning step of server-side apply (what an applier stopped applying is removed):
// removeItems drops every field, list item and map entry a set names (with all beneath it), and
// withNamedFieldsAsMembers makes a struct field count as set wherever something beneath it is, so that a
// struct nobody owns anything in any more can go as a whole (structured-merge-diff's
// EnsureNamedFieldsAreMembers).

import { FieldSet } from './field-set.ts';
import { itemElement } from './list-items.ts';
import { fieldElement, fieldNameOf, type PathElement } from './path-element.ts';
import type { Shape } from './shape.ts';

type Json = Record<string, unknown>;

function remove(value: unknown, set: FieldSet, shape: Shape, path: PathElement[]): unknown {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    value.forEach((item, index) => {
      const element = itemElement(item, shape.listType, index, path);
      if (set.members.has(element)) return;
      const below = set.children.get(element);
      kept.push(below === undefined ? item : remove(item, below, shape.items(), [...path, element]));
    });
    return kept;
  }
  if (typeof value !== 'object' || value === null) return value;
  const result: Json = {};
  for (const [key, child] of Object.entries(value as Json)) {
    const element = fieldElement(key);
    if (set.members.has(element)) continue;
    const below = set.children.get(element);
    result[key] = below === undefined ? child : remove(child, below, shape.field(key).shape, [...path, element]);
  }
  return result;
}

export function removeItems<T>(object: T, set: FieldSet, shape: Shape): T {
  return remove(object, set, shape, []) as T;
}

export function withNamedFieldsAsMembers(set: FieldSet, shape: Shape): FieldSet {
  const result = new FieldSet();
  for (const member of set.members) result.members.add(member);
  for (const [element, child] of set.children) {
    const name = fieldNameOf(element);
    const field = name === undefined ? undefined : shape.field(name);
    if (field?.named) result.members.add(element);
    const childShape = field === undefined ? shape.items() : field.shape;
    result.children.set(element, withNamedFieldsAsMembers(child, childShape));
  }
  return result;
}
