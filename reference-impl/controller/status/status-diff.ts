// Decides whether a desired status differs from the stored one, and builds the JSON merge patch that
// turns the stored status into the desired one (keys the desired status drops are set to null).

/** Order-insensitive for object keys, order-sensitive for arrays; undefined fields do not count. */
export function statusDiffers(desired: Record<string, unknown>, stored: unknown): boolean {
  return canonicalJson(desired) !== canonicalJson(stored ?? {});
}

export function statusMergePatch(desired: Record<string, unknown>, stored: unknown): { status: Record<string, unknown> } {
  const patch: Record<string, unknown> = { ...desired };
  if (isRecord(stored)) {
    for (const key of Object.keys(stored)) {
      if (!(key in desired) || desired[key] === undefined) patch[key] = null;
    }
  }
  return { status: patch };
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (!isRecord(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (value[key] !== undefined) sorted[key] = sortKeys(value[key]);
  }
  return sorted;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
