// A set of field paths, kept as the tree FieldsV1 serialises (structured-merge-diff's fieldpath.Set): each
// node has members (paths that end here) and children (paths that go on). The set operations are the ones
// server-side apply is written in: union, intersection, difference, and recursiveDifference (drop whatever
// lies under a path of the other set).

import { compareElements, isPathElement, type PathElement } from './path-element.ts';

export class FieldSet {
  readonly members = new Set<PathElement>();
  readonly children = new Map<PathElement, FieldSet>();

  static of(paths: readonly (readonly PathElement[])[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  insert(path: readonly PathElement[]): void {
    const [first, ...rest] = path;
    if (first === undefined) return;
    if (rest.length === 0) this.members.add(first);
    else this.child(first).insert(rest);
  }

  has(path: readonly PathElement[]): boolean {
    const [first, ...rest] = path;
    if (first === undefined) return false;
    if (rest.length === 0) return this.members.has(first);
    return this.children.get(first)?.has(rest) ?? false;
  }

  child(element: PathElement): FieldSet {
    let child = this.children.get(element);
    if (child === undefined) {
      child = new FieldSet();
      this.children.set(element, child);
    }
    return child;
  }

  isEmpty(): boolean {
    return this.members.size === 0 && [...this.children.values()].every((child) => child.isEmpty());
  }

  union(other: FieldSet): FieldSet {
    const result = new FieldSet();
    result.#add(this);
    result.#add(other);
    return result.#pruned();
  }

  intersection(other: FieldSet): FieldSet {
    const result = new FieldSet();
    for (const member of this.members) if (other.members.has(member)) result.members.add(member);
    for (const [element, child] of this.children) {
      const theirs = other.children.get(element);
      if (theirs !== undefined) result.children.set(element, child.intersection(theirs));
    }
    return result.#pruned();
  }

  difference(other: FieldSet): FieldSet {
    const result = new FieldSet();
    for (const member of this.members) if (!other.members.has(member)) result.members.add(member);
    for (const [element, child] of this.children) {
      const theirs = other.children.get(element);
      result.children.set(element, theirs === undefined ? child.#copy() : child.difference(theirs));
    }
    return result.#pruned();
  }

  /** The paths of this set that neither are nor lie under a path of `other`. */
  recursiveDifference(other: FieldSet): FieldSet {
    const result = new FieldSet();
    for (const member of this.members) if (!other.members.has(member)) result.members.add(member);
    for (const [element, child] of this.children) {
      if (other.members.has(element)) continue;
      const theirs = other.children.get(element);
      result.children.set(element, theirs === undefined ? child.#copy() : child.recursiveDifference(theirs));
    }
    return result.#pruned();
  }

  /** Every member path, members of a node before its children's, in FieldsV1 order. */
  paths(prefix: readonly PathElement[] = []): PathElement[][] {
    const result = [...this.members].sort(compareElements).map((member) => [...prefix, member]);
    for (const element of [...this.children.keys()].sort(compareElements)) {
      result.push(...(this.children.get(element)?.paths([...prefix, element]) ?? []));
    }
    return result;
  }

  /** The FieldsV1 form: `{"f:spec":{"f:replicas":{}}}`, with `".":{}` where a node with children is a member too. */
  toFieldsV1(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const elements = new Set([...this.members, ...this.children.keys()]);
    for (const element of [...elements].sort(compareElements)) {
      const child = this.children.get(element);
      const inner = child === undefined || child.isEmpty() ? {} : child.toFieldsV1();
      result[element] = this.members.has(element) && Object.keys(inner).length > 0 ? { '.': {}, ...inner } : inner;
    }
    return result;
  }

  /** Reads FieldsV1; throws a TypeError naming the first key that is not a path element. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const set = new FieldSet();
    set.#read(fields, []);
    return set.#pruned();
  }

  #read(fields: unknown, where: string[]): void {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new TypeError(`${where.join('') || 'fieldsV1'} is not an object`);
    for (const [key, value] of Object.entries(fields)) {
      if (!isPathElement(key)) throw new TypeError(`"${key}" in ${where.join('') || 'fieldsV1'} is not a field path element (f:, k:, v: or i:)`);
      const entries = typeof value === 'object' && value !== null ? Object.keys(value) : [];
      const nested = entries.filter((entry) => entry !== '.');
      if (nested.length === 0 || entries.includes('.')) this.members.add(key);
      if (nested.length > 0) {
        const { '.': _self, ...rest } = value as Record<string, unknown>;
        this.child(key).#read(rest, [...where, key]);
      }
    }
  }

  #add(other: FieldSet): void {
    for (const member of other.members) this.members.add(member);
    for (const [element, child] of other.children) this.child(element).#add(child);
  }

  #copy(): FieldSet {
    const copy = new FieldSet();
    copy.#add(this);
    return copy;
  }

  #pruned(): FieldSet {
    for (const [element, child] of this.children) if (child.isEmpty()) this.children.delete(element);
    return this;
  }
}
