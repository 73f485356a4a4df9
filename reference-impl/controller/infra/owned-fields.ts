// "Update only when what we own differs": every field we set must be present with the same value;
// fields the API server or others added (defaults, status, extra labels) are not ours to judge.
// Arrays must have the same length, so an element we removed counts as a difference.

export function ownedFieldsMatch(desired: unknown, actual: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(actual) && actual.length === desired.length && desired.every((item, index) => ownedFieldsMatch(item, actual[index]));
  }
  if (typeof desired === 'object' && desired !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const actualRecord = actual as Record<string, unknown>;
    return Object.entries(desired).every(([key, value]) => ownedFieldsMatch(value, actualRecord[key]));
  }
  return desired === actual;
}
