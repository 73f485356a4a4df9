// RFC 7386 JSON Merge Patch: objects merge recursively, null deletes, everything else (lists included) replaces.
import { cloneJson, isJsonObject, setField } from './json-value.ts';

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: Record<string, unknown> = isJsonObject(target) ? cloneJson(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      setField(result, key, applyMergePatch(result[key], value));
    }
  }
  return result;
}
