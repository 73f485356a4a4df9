// Server-side apply without field ownership. Simplification (deliberate, out of scope here): the server keeps no
// managedFields, so an apply only adds and changes fields; a field the same manager applied before and now
// leaves out is NOT removed, and no conflicts between managers are reported. Maps merge recursively; lists merge
// by the strategic merge keys for built-in kinds, custom resources' lists replace (their
// x-kubernetes-list-map-keys are not available to this function).
import { cloneJson, isJsonObject, type JsonObject, jsonEqual, setField } from './json-value.ts';
import { listStrategyOf } from './strategic-merge-keys.ts';

interface ApplyContext {
  kind: string;
  builtIn: boolean;
}

function mergeListByKey(current: unknown, applied: unknown[], key: string, path: string[], context: ApplyContext): unknown[] {
  const result: unknown[] = Array.isArray(current) ? cloneJson(current) : [];
  const keyed = applied.every((item) => isJsonObject(item) && item[key] !== undefined);
  if (!keyed) return cloneJson(applied);
  for (const element of applied as JsonObject[]) {
    const index = result.findIndex((item) => isJsonObject(item) && jsonEqual(item[key], element[key]));
    if (index >= 0) result[index] = mergeApplied(result[index], element, path, context);
    else result.push(cloneJson(element));
  }
  return result;
}

function mergeAppliedList(current: unknown, applied: unknown[], path: string[], context: ApplyContext): unknown[] {
  if (!context.builtIn) return cloneJson(applied);
  const strategy = listStrategyOf(context.kind, path);
  if (strategy.type === 'mergeByKey') return mergeListByKey(current, applied, strategy.key, path, context);
  if (strategy.type === 'mergePrimitives') {
    const result = Array.isArray(current) ? cloneJson(current) : [];
    for (const item of applied) if (!result.some((existing) => jsonEqual(existing, item))) result.push(cloneJson(item));
    return result;
  }
  return cloneJson(applied);
}

function mergeApplied(current: unknown, applied: JsonObject, path: string[], context: ApplyContext): JsonObject {
  const result: JsonObject = isJsonObject(current) ? cloneJson(current) : {};
  for (const [key, value] of Object.entries(applied)) {
    const childPath = [...path, key];
    if (value === null) delete result[key];
    else if (isJsonObject(value)) setField(result, key, mergeApplied(result[key], value, childPath, context));
    else if (Array.isArray(value)) setField(result, key, mergeAppliedList(result[key], value, childPath, context));
    else setField(result, key, value);
  }
  return result;
}

/** The object after applying `applied` (an apply configuration) onto `current`, or `applied` itself when new. */
export function applyConfiguration(current: JsonObject | undefined, applied: JsonObject, kind: string, builtIn: boolean): JsonObject {
  if (current === undefined) return cloneJson(applied);
  return mergeApplied(current, applied, [], { kind, builtIn });
}
