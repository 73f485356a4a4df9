// Reads typed fields out of untyped YAML values and records, instead of throwing, every problem with the
// path where it was found. The caller maps paths to file:line once all problems of a file are known.
import type { YamlPath } from './yaml-source.ts';

export interface FieldProblem {
  path: YamlPath;
  message: string;
  /** The problem is the key itself (an unknown field), not its value. */
  atKey: boolean;
}

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  // Plain objects only: YAML tags such as !!binary produce Buffers, which are not mappings to an author.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function label(path: YamlPath): string {
  return path.length === 0 ? 'the document' : path.map((key) => (typeof key === 'number' ? `[${key}]` : key)).join('.').replaceAll('.[', '[');
}

export class FieldReader {
  readonly problems: FieldProblem[] = [];

  report(path: YamlPath, message: string, atKey = false): void {
    this.problems.push({ path, message: `${label(path)}: ${message}`, atKey });
  }

  /** Reports keys that are not in `known`: a typo must not be silently ignored. */
  rejectUnknownKeys(value: Mapping, path: YamlPath, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.report([...path, key], `unknown field; expected one of: ${known.join(', ')}`, true);
    }
  }

  mapping(value: unknown, path: YamlPath): Mapping | undefined {
    if (isMapping(value)) return value;
    this.report(path, `must be a mapping, got ${describe(value)}`);
    return undefined;
  }

  list(parent: Mapping, key: string, path: YamlPath, required = false): unknown[] {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (required) this.report([...path, key], 'is required (a list)');
      return [];
    }
    if (Array.isArray(value)) return value;
    this.report([...path, key], `must be a list, got ${describe(value)}`);
    return [];
  }

  string(parent: Mapping, key: string, path: YamlPath, required: true): string;
  string(parent: Mapping, key: string, path: YamlPath, required?: boolean): string | undefined;
  string(parent: Mapping, key: string, path: YamlPath, required = false): string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (required) this.report([...path, key], 'is required (a string)');
      return required ? '' : undefined;
    }
    if (typeof value === 'string' && value.length > 0) return value;
    this.report([...path, key], `must be a non-empty string, got ${describe(value)}`);
    return required ? '' : undefined;
  }

  integer(parent: Mapping, key: string, path: YamlPath, range: { min: number; max: number; required?: boolean }): number | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (range.required) this.report([...path, key], `is required (an integer ${range.min}..${range.max})`);
      return undefined;
    }
    if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) return value;
    this.report([...path, key], `must be an integer ${range.min}..${range.max}, got ${describe(value)}`);
    return undefined;
  }

  positiveNumber(parent: Mapping, key: string, path: YamlPath, required = false): number | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (required) this.report([...path, key], 'is required (a number > 0)');
      return undefined;
    }
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    this.report([...path, key], `must be a number > 0, got ${describe(value)}`);
    return undefined;
  }

  stringList(parent: Mapping, key: string, path: YamlPath, required = false): string[] {
    const items = this.list(parent, key, path, required);
    const strings: string[] = [];
    items.forEach((item, index) => {
      if (typeof item === 'string' && item.length > 0) strings.push(item);
      else this.report([...path, key, index], `must be a non-empty string, got ${describe(item)}`);
    });
    return strings;
  }

  /** A mapping of string -> string (header values, for instance); numbers are accepted and stringified. */
  stringMap(parent: Mapping, key: string, path: YamlPath): Record<string, string> | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    const map = this.mapping(value, [...path, key]);
    if (!map) return undefined;
    const result: Record<string, string> = {};
    for (const [name, item] of Object.entries(map)) {
      if (typeof item === 'string' || typeof item === 'number') result[name] = String(item);
      else this.report([...path, key, name], `must be a string, got ${describe(item)}`);
    }
    return result;
  }
}
