// What changed between two versions of an object, as sets of fields (structured-merge-diff's Compare): a
// scalar, an atomic list or object, or an empty one is compared as a whole; lists and objects are compared
// item by item and field by field, and the node itself counts as added or removed when it appears or goes.
// An Update manager comes to own what it added or modified; an applier conflicts on the same.

import { jsonEqual } from '../patch/json-value.ts';
import { FieldSet } from './field-set.ts';
import { indexItems } from './list-items.ts';
import { fieldElement, type PathElement } from './path-element.ts';
import type { Shape } from './shape.ts';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

function leaf(old: unknown, next: unknown, path: PathElement[], result: Comparison): void {
  if (old === undefined) result.added.insert(path);
  else if (next === undefined) result.removed.insert(path);
  else if (!jsonEqual(old, next)) result.modified.insert(path);
}

function node(old: unknown, next: unknown, path: PathElement[], result: Comparison): void {
  if (old === undefined) result.added.insert(path);
  else if (next === undefined) result.removed.insert(path);
}

function walkList(old: unknown[] | undefined, next: unknown[] | undefined, shape: Shape, path: PathElement[], result: Comparison): void {
  if (shape.listType.kind === 'atomic' || (isEmpty(old) && isEmpty(next))) {
    leaf(old, next, path, result);
    return;
  }
  const before = indexItems(old ?? [], shape.listType, path, false);
  const after = indexItems(next ?? [], shape.listType, path, false);
  for (const element of new Set([...before.keys(), ...after.keys()])) {
    walk(before.get(element), after.get(element), shape.items(), [...path, element], result);
  }
  node(old, next, path, result);
}

function walkObject(old: Json | undefined, next: Json | undefined, shape: Shape, path: PathElement[], result: Comparison): void {
  if (shape.atomicObject || (isEmpty(old) && isEmpty(next))) {
    leaf(old, next, path, result);
    return;
  }
  const before = old ?? {};
  const after = next ?? {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    walk(before[key], after[key], shape.field(key).shape, [...path, fieldElement(key)], result);
  }
  node(old, next, path, result);
}

function walk(old: unknown, next: unknown, shape: Shape, path: PathElement[], result: Comparison): void {
  if (old === undefined && next === undefined) return;
  const listOrNothing = (value: unknown) => value === undefined || Array.isArray(value);
  const objectOrNothing = (value: unknown) => value === undefined || isObject(value);
  if (listOrNothing(old) && listOrNothing(next)) walkList(old as unknown[] | undefined, next as unknown[] | undefined, shape, path, result);
  else if (objectOrNothing(old) && objectOrNothing(next)) walkObject(old as Json | undefined, next as Json | undefined, shape, path, result);
  else leaf(old, next, path, result);
}

/** The fields `next` added, modified and removed relative to `old` (either may be undefined). */
export function compareObjects(old: unknown, next: unknown, shape: Shape): Comparison {
  const result: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(old, next, shape, [], result);
  return result;
}
