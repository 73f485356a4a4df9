// The elements of a field path, written as FieldsV1 writes them (managedFields keys): `f:<name>` a field,
// `k:{"name":"http"}` an item of a list keyed by its map keys (key fields sorted by name), `v:"x"` an item
// of a set, `i:3` an item of a list known by position. describePath() prints a path as the API server's
// conflict messages do: .spec.listeners[name="http"].port, .metadata.finalizers[="x"].

export type PathElement = string;

export function fieldElement(name: string): PathElement {
  return `f:${name}`;
}

/** `fields` are the key fields and their values; FieldsV1 sorts them by name. */
export function keyElement(fields: Record<string, unknown>): PathElement {
  const sorted = Object.keys(fields)
    .sort()
    .map((name) => `${JSON.stringify(name)}:${JSON.stringify(fields[name])}`);
  return `k:{${sorted.join(',')}}`;
}

export function valueElement(value: unknown): PathElement {
  return `v:${JSON.stringify(value)}`;
}

export function indexElement(index: number): PathElement {
  return `i:${index}`;
}

/** The field name of an `f:` element; undefined for list items. */
export function fieldNameOf(element: PathElement): string | undefined {
  return element.startsWith('f:') ? element.slice(2) : undefined;
}

/** A valid FieldsV1 key (`.` is the "this node" marker, not an element). */
export function isPathElement(text: string): boolean {
  return /^[fkvi]:/.test(text);
}

function describeElement(element: PathElement): string {
  const body = element.slice(2);
  switch (element[0]) {
    case 'f':
      return `.${body}`;
    case 'k': {
      const fields = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.entries(fields)
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
        .join(',')}]`;
    }
    case 'v':
      return `[=${body}]`;
    default:
      return `[${body}]`;
  }
}

export function describePath(path: readonly PathElement[]): string {
  return path.map(describeElement).join('');
}

/** SMD orders a node's elements fields first, then keyed items, set items, indices. */
export function compareElements(a: PathElement, b: PathElement): number {
  const rank = (element: PathElement) => 'fkvi'.indexOf(element[0] ?? 'i');
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
