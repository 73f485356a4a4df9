// Strategic merge patch, the flavour `kubectl apply` sends for built-in kinds: maps merge recursively, lists
// with a merge key (strategic-merge-keys.ts) merge element by element, other lists replace; `null` deletes a
// key; directives ($patch, $setElementOrder, $retainKeys, $deleteFromPrimitiveList) steer the merge, and merged
// lists take the API server's order (strategic-list-order.ts). One leniency: `$patch: merge` is taken as a plain
// merge where the API server refuses it (kubectl never sends it).
import { cloneJson, isJsonObject, type JsonObject, jsonEqual, setField } from './json-value.ts';
import {
  deleteFromPrimitiveListPrefix,
  isDirectiveKey,
  patchDirective,
  retainKeysDirective,
  setElementOrderPrefix,
  withoutDirectives,
} from './patch-directives.ts';
import { PatchError } from './patch-error.ts';
import { type Identity, orderMergedList } from './strategic-list-order.ts';
import { type ListStrategy, listStrategyOf } from './strategic-merge-keys.ts';

interface MergeContext {
  kind: string;
}

function where(path: string[]): string {
  return path.length === 0 ? 'the object root' : `"${path.join('.')}"`;
}

function mapDirective(patch: JsonObject, path: string[]): 'merge' | 'replace' | 'delete' {
  const directive = patch[patchDirective] ?? 'merge';
  if (directive === 'merge' || directive === 'replace' || directive === 'delete') return directive;
  throw new PatchError('BadRequest', `strategic merge patch: unknown $patch directive ${JSON.stringify(directive)} at ${where(path)}`);
}

/** Elements equal to one of `toDelete` leave the list (the $deleteFromPrimitiveList directive). */
function deleteFromPrimitiveList(current: unknown, toDelete: unknown, path: string[]): unknown {
  if (!Array.isArray(toDelete)) {
    throw new PatchError('BadRequest', `strategic merge patch: $deleteFromPrimitiveList at ${where(path)} must be a list`);
  }
  if (!Array.isArray(current)) return current;
  return current.filter((item) => !toDelete.some((gone) => jsonEqual(gone, item)));
}

/** Pass one over the directive keys of a map patch: primitive deletions happen before the fields merge. */
function applyMapDirectives(result: JsonObject, patch: JsonObject, path: string[]): Map<string, unknown[]> {
  const orders = new Map<string, unknown[]>();
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(setElementOrderPrefix)) {
      if (!Array.isArray(value)) {
        throw new PatchError('BadRequest', `strategic merge patch: ${key} at ${where(path)} must be a list`);
      }
      orders.set(key.slice(setElementOrderPrefix.length), value);
    } else if (key.startsWith(deleteFromPrimitiveListPrefix)) {
      const field = key.slice(deleteFromPrimitiveListPrefix.length);
      if (field in result) result[field] = deleteFromPrimitiveList(result[field], value, [...path, field]);
    } else if (isDirectiveKey(key) && key !== patchDirective && key !== retainKeysDirective) {
      throw new PatchError('BadRequest', `strategic merge patch: unknown directive "${key}" at ${where(path)}`);
    }
  }
  return orders;
}

/** $retainKeys: fields of the stored map not listed are cleared before the merge; the patch may set only listed ones. */
function retainOnly(result: JsonObject, patch: JsonObject, path: string[]): void {
  const retainKeys = patch[retainKeysDirective];
  if (!Array.isArray(retainKeys) || !retainKeys.every((key) => typeof key === 'string')) {
    throw new PatchError('BadRequest', `strategic merge patch: $retainKeys at ${where(path)} must be a list of field names`);
  }
  for (const key of Object.keys(patch)) {
    if (!isDirectiveKey(key) && patch[key] !== null && !retainKeys.includes(key)) {
      throw new PatchError('BadRequest', `strategic merge patch: field "${key}" at ${where(path)} is set but missing from $retainKeys`);
    }
  }
  for (const key of Object.keys(result)) {
    if (!retainKeys.includes(key)) delete result[key];
  }
}

function mergeMap(original: unknown, patch: JsonObject, path: string[], context: MergeContext): JsonObject {
  const directive = mapDirective(patch, path);
  // As the API server does: `$patch: delete` on a map leaves an empty map, `replace` the patch itself.
  if (directive === 'delete') return {};
  if (directive === 'replace') return withoutDirectives(patch) as JsonObject;
  const result: JsonObject = isJsonObject(original) ? cloneJson(original) : {};
  if (retainKeysDirective in patch) retainOnly(result, patch, path);
  const serverLists = new Map<string, unknown>();
  const orders = applyMapDirectives(result, patch, path);
  for (const field of orders.keys()) serverLists.set(field, result[field]);
  for (const [key, value] of Object.entries(patch)) {
    if (isDirectiveKey(key)) continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const childPath = [...path, key];
    if (isJsonObject(value)) setField(result, key, mergeMap(result[key], value, childPath, context));
    else if (Array.isArray(value)) setField(result, key, mergeList(result[key], value, childPath, context));
    else setField(result, key, value);
  }
  for (const [field, order] of orders) {
    const list = result[field];
    const serverList = serverLists.get(field);
    const strategy = listStrategyOf(context.kind, [...path, field]);
    if (Array.isArray(list) && strategy.type !== 'replace') {
      result[field] = orderMergedList(list, order, Array.isArray(serverList) ? serverList : [], identityOf(strategy));
    }
  }
  return result;
}

function identityOf(strategy: ListStrategy): Identity {
  if (strategy.type !== 'mergeByKey') return (item) => item;
  return (item) => (isJsonObject(item) ? item[strategy.key] : undefined);
}

function hasReplaceElement(patch: unknown[]): boolean {
  return patch.some((item) => isJsonObject(item) && item[patchDirective] === 'replace');
}

function mergePrimitiveList(original: unknown, patch: unknown[]): unknown[] {
  if (hasReplaceElement(patch)) return withoutDirectives(patch) as unknown[];
  const server = Array.isArray(original) ? cloneJson(original) : [];
  const merged = [...server];
  for (const item of patch) {
    if (!merged.some((existing) => jsonEqual(existing, item))) merged.push(cloneJson(item));
  }
  const identity: Identity = (item) => item;
  return orderMergedList(merged, patch, server, identity);
}

function checkKeyedElement(element: unknown, key: string, path: string[]): JsonObject {
  if (!isJsonObject(element) || element[key] === undefined) {
    throw new PatchError(
      'BadRequest',
      `strategic merge patch: every element of the list ${where(path)} must be an object with its merge key "${key}"`,
    );
  }
  return element;
}

function mergeListByKey(original: unknown, patch: unknown[], key: string, path: string[], context: MergeContext): unknown[] {
  if (hasReplaceElement(patch)) return withoutDirectives(patch) as unknown[];
  const elements = patch.map((element) => checkKeyedElement(element, key, path));
  const identity: Identity = (item) => (isJsonObject(item) ? item[key] : undefined);
  const sameKey = (a: unknown, b: unknown): boolean => jsonEqual(identity(a), identity(b));
  const deletions = elements.filter((element) => element[patchDirective] === 'delete');
  const changes = elements.filter((element) => element[patchDirective] !== 'delete');
  const server = (Array.isArray(original) ? cloneJson(original) : []).filter((item) => !deletions.some((gone) => sameKey(gone, item)));
  const merged = [...server];
  for (const element of changes) {
    const index = merged.findIndex((item) => sameKey(item, element));
    const result = mergeMap(index >= 0 ? merged[index] : undefined, element, path, context);
    if (index >= 0) merged[index] = result;
    else merged.push(result);
  }
  return orderMergedList(merged, changes, server, identity);
}

function mergeList(original: unknown, patch: unknown[], path: string[], context: MergeContext): unknown[] {
  const strategy = listStrategyOf(context.kind, path);
  if (strategy.type === 'mergeByKey') return mergeListByKey(original, patch, strategy.key, path, context);
  if (strategy.type === 'mergePrimitives') return mergePrimitiveList(original, patch);
  return withoutDirectives(patch) as unknown[];
}

/** Applies a strategic merge patch to a copy of `original`, an object of the built-in `kind`. */
export function applyStrategicMergePatch(original: JsonObject, patch: unknown, kind: string): JsonObject {
  if (!isJsonObject(patch)) {
    throw new PatchError('BadRequest', 'a strategic merge patch body must be a JSON object');
  }
  if (patch[patchDirective] === 'delete') {
    throw new PatchError('Invalid', 'strategic merge patch: "$patch: delete" at the object root cannot delete the object; use DELETE');
  }
  return mergeMap(original, patch, [], { kind });
}
