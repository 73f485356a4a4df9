// Finds the first rule of a virtual host (in precedence order) whose match fits a request, through an index by
// path when the host has many rules: Exact paths by value, PathPrefix matches by their prefix (looked up once for
// each prefix length the host's rules use that ends on a segment boundary of the request path), regular
// expressions and `/` always. The candidates' full predicates (method, headers, query) are then tried in
// precedence order, so the answer is the linear scan's, at a cost that does not grow with the rule count.

import type { HttpMatchIR } from '../../ir/gateway-ir.ts';
import type { RouteRequest } from './route-request.ts';

export interface IndexedRule<T> {
  path: HttpMatchIR['path'];
  matches: (request: RouteRequest) => boolean;
  value: T;
}

/** Below this many rules a plain scan is as fast as a lookup. */
const INDEX_FROM = 16;
const SLASH = 47;

// Scratch space for one lookup at a time (routing is synchronous): no allocation per request.
const lists: (readonly number[])[] = [];
const cursors: number[] = [];

function addTo(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else list.push(index);
}

interface PathIndex {
  exact: Map<string, number[]>;
  prefixes: Map<string, number[]>;
  always: number[];
  /** The lengths of the prefixes, ascending. */
  lengths: number[];
}

/** Puts the candidate lists for `path` in `lists`; returns how many. */
function gatherCandidates(index: PathIndex, path: string): number {
  let count = 0;
  if (index.always.length > 0) lists[count++] = index.always;
  const exactList = index.exact.get(path);
  if (exactList !== undefined) lists[count++] = exactList;
  for (const length of index.lengths) {
    if (length > path.length) break;
    if (length < path.length && path.charCodeAt(length) !== SLASH) continue;
    const list = index.prefixes.get(length === path.length ? path : path.slice(0, length));
    if (list !== undefined) lists[count++] = list;
  }
  return count;
}

/** The lowest rule index left in the first `count` lists (advancing past it), or -1. */
function nextCandidate(count: number): number {
  let best = -1;
  let from = -1;
  for (let i = 0; i < count; i++) {
    const candidate = (lists[i] as readonly number[])[cursors[i] as number];
    if (candidate !== undefined && (best === -1 || candidate < best)) {
      best = candidate;
      from = i;
    }
  }
  if (from !== -1) cursors[from] = (cursors[from] as number) + 1;
  return best;
}

export type RuleFinder<T> = (request: RouteRequest) => T | undefined;

export function ruleFinder<T>(rules: readonly IndexedRule<T>[]): RuleFinder<T> {
  if (rules.length < INDEX_FROM) {
    return (request) => {
      for (const rule of rules) if (rule.matches(request)) return rule.value;
      return undefined;
    };
  }
  const exact = new Map<string, number[]>();
  const prefixes = new Map<string, number[]>();
  const always: number[] = [];
  rules.forEach((rule, index) => {
    const { type, value } = rule.path;
    // The same normalisation as compile-match: a trailing slash of a prefix does not count.
    const prefix = type === 'PathPrefix' ? value.replace(/\/+$/, '') : '';
    if (type === 'Exact') addTo(exact, value, index);
    else if (type === 'PathPrefix' && prefix !== '') addTo(prefixes, prefix, index);
    else always.push(index);
  });
  const lengths = [...new Set([...prefixes.keys()].map((key) => key.length))].sort((a, b) => a - b);

  const index: PathIndex = { exact, prefixes, always, lengths };
  return (request) => {
    const count = gatherCandidates(index, request.path);
    for (let i = 0; i < count; i++) cursors[i] = 0;
    // Merge the sorted candidate lists, lowest rule index (highest precedence) first.
    for (let next = nextCandidate(count); next !== -1; next = nextCandidate(count)) {
      const rule = rules[next] as IndexedRule<T>;
      if (rule.matches(request)) return rule.value;
    }
    return undefined;
  };
}
