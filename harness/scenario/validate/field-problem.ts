// A problem found in a scenario document, at a path inside it. The loader maps paths to file:line:column
// once all problems of a file are known (yaml-source.ts).
import type { YamlPath } from '../yaml-source.ts';

export interface FieldProblem {
  path: YamlPath;
  /** Starts with the field's label: `requests[0].gateway: must be ...`. */
  message: string;
  /** The problem is the key itself (an unknown field), not its value. */
  atKey: boolean;
}

/** `requests[0].expect.backend`, or "the document" for the root. */
export function labelOf(path: YamlPath): string {
  return path.length === 0 ? 'the document' : path.map((key) => (typeof key === 'number' ? `[${key}]` : key)).join('.').replaceAll('.[', '[');
}

export function fieldProblem(path: YamlPath, message: string, atKey = false): FieldProblem {
  return { path, message: `${labelOf(path)}: ${message}`, atKey };
}

/** Words for a value in "got ..." messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Plain objects only: YAML tags such as !!binary produce Buffers, which are not mappings to an author. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
