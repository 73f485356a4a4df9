// One difference between what a scenario expects and what came back, as a line a person reads:
// "status: expected 200, got 404".

export interface Mismatch {
  field: string;
  expected: string;
  actual: string;
  text: string;
}

export function mismatch(field: string, expected: string, actual: string): Mismatch {
  return { field, expected, actual, text: `${field}: expected ${expected}, got ${actual}` };
}

export function formatMismatches(mismatches: readonly Mismatch[]): string {
  return mismatches.map((item) => `  ${item.text}`).join('\n');
}

/** Header values by case-insensitive name, from a response (one value per field line) or an echo body. */
export function headerValues(headers: Record<string, string | string[] | undefined>, name: string): string[] | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return Array.isArray(value) ? value : [value];
  }
  return undefined;
}

/**
 * Present with the value, and absent, each as a mismatch line. A header received several times must be
 * expected with all its values joined by commas ("a,b", as upstream compares them; "a, b" is accepted too):
 * one matching value among others is not enough.
 */
export function checkHeaderSet(
  label: string,
  headers: Record<string, string | string[] | undefined>,
  present: Record<string, string>,
  absent: readonly string[],
): Mismatch[] {
  const found: Mismatch[] = [];
  const quote = (values: string[]) => values.map((item) => JSON.stringify(item)).join(', ');
  for (const [name, value] of Object.entries(present)) {
    const values = headerValues(headers, name);
    if (values === undefined) found.push(mismatch(`${label} ${name}`, JSON.stringify(value), '(absent)'));
    else if (values.join(',') !== value && values.join(', ') !== value) found.push(mismatch(`${label} ${name}`, JSON.stringify(value), quote(values)));
  }
  for (const name of absent) {
    const values = headerValues(headers, name);
    if (values !== undefined) found.push(mismatch(`${label} ${name}`, '(absent)', quote(values)));
  }
  return found;
}
