// Merges an apply configuration into the live object (structured-merge-diff's Merge): objects field by
// field, granular lists item by item (keyed items merged, new ones added, live-only ones kept), anything
// atomic replaced by the configuration's value. A null in the configuration removes the field.
// Merged list order: the configuration's order for the items it names, live-only items where they were.

import { cloneJson, setField } from '../patch/json-value.ts';
import { indexItems } from './list-items.ts';
import { fieldElement, type PathElement } from './path-element.ts';
import type { Shape } from './shape.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeLists(live: unknown[], config: unknown[], shape: Shape, path: PathElement[]): unknown[] {
  const liveItems = indexItems(live, shape.listType, path, false);
  const configItems = indexItems(config, shape.listType, path, true);
  const liveOrder = [...liveItems.keys()];
  const configOrder = [...configItems.keys()];
  // The items both name, in the configuration's order: each is placed when its turn in that order comes.
  const shared = configOrder.filter((element) => liveItems.has(element));
  const placed = new Set<PathElement>();
  const result: unknown[] = [];
  const place = (element: PathElement) => {
    placed.add(element);
    if (shared[0] === element) shared.shift();
    result.push(mergeValues(liveItems.get(element), configItems.get(element), shape.items(), [...path, element]));
  };
  let l = 0;
  let c = 0;
  while (l < liveOrder.length || c < configOrder.length) {
    const liveElement = liveOrder[l];
    const configElement = configOrder[c];
    if (liveElement !== undefined && liveElement === configElement) {
      place(liveElement);
      l++;
      c++;
      continue;
    }
    if (liveElement !== undefined) {
      if (!configItems.has(liveElement)) {
        result.push(cloneJson(liveItems.get(liveElement)));
        l++;
        continue;
      }
      // A shared item placed already, or one whose turn has not come: skip it here.
      if (placed.has(liveElement) || (configElement !== undefined && shared[0] !== liveElement)) {
        l++;
        continue;
      }
    }
    if (configElement !== undefined) {
      place(configElement);
      c++;
    } else l++;
  }
  return result;
}

function mergeObjects(live: Json, config: Json, shape: Shape, path: PathElement[]): Json {
  const result = cloneJson(live);
  for (const [key, value] of Object.entries(config)) {
    if (value === null) {
      delete result[key];
      continue;
    }
    setField(result, key, mergeValues(result[key], value, shape.field(key).shape, [...path, fieldElement(key)]));
  }
  return result;
}

function mergeValues(live: unknown, config: unknown, shape: Shape, path: PathElement[]): unknown {
  if (config === undefined) return cloneJson(live);
  if (Array.isArray(live) && Array.isArray(config) && shape.listType.kind !== 'atomic') return mergeLists(live, config, shape, path);
  if (isObject(live) && isObject(config) && !shape.atomicObject) return mergeObjects(live, config, shape, path);
  if (isObject(config) && !shape.atomicObject) return mergeObjects({}, config, shape, path);
  return cloneJson(config);
}

/** `live` with `config` merged in; throws FieldShapeError for items a keyed list cannot name. */
export function mergeConfiguration(live: Json, config: Json, shape: Shape): Json {
  return mergeObjects(live, config, shape, []);
}
