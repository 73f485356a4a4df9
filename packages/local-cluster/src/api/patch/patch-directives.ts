// The `$`-prefixed directives of strategic merge patches (kubectl writes them; they never reach storage).

export const patchDirective = '$patch';
export const retainKeysDirective = '$retainKeys';
export const setElementOrderPrefix = '$setElementOrder/';
export const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList/';

export function isDirectiveKey(key: string): boolean {
  return key.startsWith('$');
}

/** A copy of `value` without any directive keys or `{$patch: ...}` list elements, at any depth. */
export function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .filter((item) => !(typeof item === 'object' && item !== null && patchDirective in item))
      .map(withoutDirectives);
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!isDirectiveKey(key)) result[key] = withoutDirectives(item);
    }
    return result;
  }
  return value;
}
