// How an item of a list is named in a field path: by its key fields in a map list, by its value in a set,
// by its position in an atomic list. An item of a map list without a key field (and no default for it) has
// no name: the object cannot be applied, as structured-merge-diff refuses it.

import { describePath, indexElement, keyElement, type PathElement, valueElement } from './path-element.ts';
import type { ListType } from './shape.ts';

export class FieldShapeError extends Error {
  readonly code = 'LOCAL_CLUSTER_FIELD_SHAPE';
  constructor(path: readonly PathElement[], why: string) {
    super(`${describePath(path) || '.'}: ${why}`);
    this.name = 'FieldShapeError';
  }
}

export function itemElement(item: unknown, listType: ListType, index: number, listPath: readonly PathElement[]): PathElement {
  if (listType.kind === 'set') return valueElement(item);
  if (listType.kind === 'atomic') return indexElement(index);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new FieldShapeError(listPath, `element ${index}: associative list with keys has an element that is not an object`);
  }
  const fields: Record<string, unknown> = {};
  for (const key of listType.keys) {
    const value = (item as Record<string, unknown>)[key] ?? listType.keyDefaults[key];
    if (value === undefined || value === null) {
      throw new FieldShapeError(listPath, `element ${index}: associative list with keys has an element that omits key field "${key}" (and doesn't have default value)`);
    }
    fields[key] = value;
  }
  return keyElement(fields);
}

/** The items of a list by their path element; with `unique`, a second item of the same name is an error. */
export function indexItems(list: readonly unknown[], listType: ListType, listPath: readonly PathElement[], unique: boolean): Map<PathElement, unknown> {
  const items = new Map<PathElement, unknown>();
  list.forEach((item, index) => {
    const element = itemElement(item, listType, index, listPath);
    if (items.has(element)) {
      if (unique) throw new FieldShapeError(listPath, `duplicate entries for key ${describePath([element])}`);
      return; // a live object may hold duplicates: the first one counts
    }
    items.set(element, item);
  });
  return items;
}
