// What one translation may reuse from the previous ones, so that a pass after one route changed compiles that
// route alone. With 1,000 routes every pass compiled all of them again: a third of the translation, on the path
// of every propagated change. The translator stays a function of its snapshot: the memo only hands back what the
// same inputs produced before, and a translation with a memo equals one without (test/unit/translator).
//
// Validity rests on object identity: the snapshot builder keeps one object per stored object version
// (provider/snapshot-builder.ts), and nothing in the translator mutates its inputs or a compiled route.
// - The index is reused while every object it is built from is the same one as before.
// - A compiled route depends on the route and the index alone (RouteKind.compile): it is reused while both are.

import { sameItems } from '../same-items.ts';
import type { CompiledRoute, RouteKind } from './route-kind.ts';
import type { ClusterSnapshot, RouteObject } from './snapshot.ts';
import { indexSnapshot, type SnapshotIndex } from './snapshot-index.ts';

/** The snapshot's lists an index is built from, in a fixed order. */
function indexInputs(snapshot: ClusterSnapshot): readonly (readonly object[])[] {
  return [snapshot.services, snapshot.endpointSlices, snapshot.namespaces, snapshot.referenceGrants, snapshot.secrets, snapshot.configMaps, snapshot.backendTlsPolicies];
}

export class TranslationMemo {
  #inputs: readonly (readonly object[])[] | undefined;
  #index: SnapshotIndex | undefined;
  /** Compiled routes against the current index, by route object (and kind: one object is one kind). */
  #compiled = new WeakMap<object, CompiledRoute<unknown>>();
  #hits = 0;
  #misses = 0;

  /** The snapshot's index: the previous one when it was built from the same objects. */
  index(snapshot: ClusterSnapshot): SnapshotIndex {
    const inputs = indexInputs(snapshot);
    if (this.#index !== undefined && this.#inputs !== undefined && sameLists(this.#inputs, inputs)) return this.#index;
    this.#inputs = inputs;
    this.#index = indexSnapshot(snapshot);
    // Compiled routes read the index: none survives a new one.
    this.#compiled = new WeakMap();
    return this.#index;
  }

  /** `kind.compile(route, index)`, or what it gave for this route object and index before. */
  compile<Route extends RouteObject, Rule>(kind: RouteKind<Route, Rule>, route: Route, index: SnapshotIndex): CompiledRoute<Rule> {
    if (index !== this.#index) return kind.compile(route, index);
    const known = this.#compiled.get(route);
    if (known !== undefined) {
      this.#hits += 1;
      return known as CompiledRoute<Rule>;
    }
    this.#misses += 1;
    const compiled = kind.compile(route, index);
    this.#compiled.set(route, compiled);
    return compiled;
  }

  /** Routes compiled and reused since the last call, for the pass's log line. */
  takeCounts(): { compiled: number; reused: number } {
    const counts = { compiled: this.#misses, reused: this.#hits };
    this.#hits = 0;
    this.#misses = 0;
    return counts;
  }
}

function sameLists(a: readonly (readonly object[])[], b: readonly (readonly object[])[]): boolean {
  return a.length === b.length && a.every((list, at) => sameItems(list, b[at] ?? []));
}
