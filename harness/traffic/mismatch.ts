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

/** Header values by case-insensitive name, from a response (node's lower-case map) or an echo body. */
export function headerValues(headers: Record<string, string | string[] | undefined>, name: string): string[] | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return Array.isArray(value) ? value : [value];
  }
  return undefined;
}

/** Present with the value (one of the values received matches), and absent, each as a mismatch line. */
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
    else if (!values.includes(value)) found.push(mismatch(`${label} ${name}`, JSON.stringify(value), quote(values)));
  }
  for (const name of absent) {
    const values = headerValues(headers, name);
    if (values !== undefined) found.push(mismatch(`${label} ${name}`, '(absent)', quote(values)));
  }
  return found;
}
