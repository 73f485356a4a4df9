// Deep copy of the JSON values the store keeps and hands out. The store copies on every read and write so no
// caller can change what another sees; structuredClone did that at ~13 µs per HTTPRoute, a recursive copy of
// plain objects and arrays takes ~1.4 µs (measured on Node 24), which matters when a list of 1,000 routes or a
// watch event per watcher is copied. Anything that is not a plain object or array (a Date, a Buffer) is still
// handed to structuredClone, so the result is the same as before.

export function cloneJson<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const result = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) result[index] = copy(value[index]);
    return result;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const source = value as Record<string, unknown>;
  // A plain object either way, as structuredClone makes (it drops a null prototype too).
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    // `__proto__` is a legal JSON field name; assigning it would replace the copy's prototype instead.
    if (key === '__proto__') Object.defineProperty(result, key, { value: copy(source[key]), writable: true, enumerable: true, configurable: true });
    else result[key] = copy(source[key]);
  }
  return result;
}
