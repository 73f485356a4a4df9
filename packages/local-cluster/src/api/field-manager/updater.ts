// Field ownership through a write, as structured-merge-diff's Updater keeps it. An Update takes what it
// added or changed from every other manager and owns it. An Apply owns exactly the fields of its
// configuration; a field another manager owns and the apply would change is a conflict, unless forced (then
// it changes hands); a field the applier owned before, left out now and owned by no one else, is removed.
// `ignored` are the fields the endpoint resets (status on the main resource, all but status on /status).

import { type Comparison, compareObjects } from './compare.ts';
import { FieldSet } from './field-set.ts';
import { fieldSetOf } from './field-set-of.ts';
import { type ManagerEntry, type Managers, managerIdentity } from './managers.ts';
import { mergeConfiguration } from './merge.ts';
import { removeItems, withNamedFieldsAsMembers } from './remove-items.ts';
import type { Shape } from './shape.ts';

type Json = Record<string, unknown>;

export interface Conflict {
  manager: ManagerEntry;
  fields: FieldSet;
}

/** Thrown by apply without force: each manager whose fields the apply would change, with those fields. */
export class ApplyConflicts extends Error {
  readonly code = 'LOCAL_CLUSTER_APPLY_CONFLICTS';
  readonly conflicts: Conflict[];
  constructor(conflicts: Conflict[]) {
    super(`apply conflicts with ${conflicts.length} manager(s)`);
    this.name = 'ApplyConflicts';
    this.conflicts = conflicts;
  }
}

export interface Ownership {
  shape: Shape;
  ignored: FieldSet;
}

function withoutIgnored(comparison: Comparison, ignored: FieldSet): Comparison {
  return {
    added: comparison.added.recursiveDifference(ignored),
    modified: comparison.modified.recursiveDifference(ignored),
    removed: comparison.removed.recursiveDifference(ignored),
  };
}

/** Other managers lose what the write removed, and (forced, or an Update) what it changed; returns the comparison. */
function settle(old: Json, next: Json, managers: Managers, writer: string, force: boolean, ownership: Ownership): Comparison {
  const comparison = withoutIgnored(compareObjects(old, next, ownership.shape), ownership.ignored);
  const changed = comparison.added.union(comparison.modified);
  const conflicts: Conflict[] = [];
  for (const [identity, entry] of managers) {
    if (identity === writer) continue;
    const fields = entry.set.intersection(changed);
    if (!fields.isEmpty()) conflicts.push({ manager: entry, fields });
  }
  if (!force && conflicts.length > 0) throw new ApplyConflicts(conflicts);
  for (const [identity, entry] of managers) {
    if (identity === writer) continue;
    const set = entry.set.difference(changed).difference(comparison.removed);
    if (set.isEmpty()) managers.delete(identity);
    else managers.set(identity, { ...entry, set });
  }
  return comparison;
}

/** An Update by `writer` (identity fields only): returns the fields it took, already recorded in `managers`. */
export function recordUpdate(old: Json, next: Json, managers: Managers, writer: Omit<ManagerEntry, 'set'>, ownership: Ownership): FieldSet {
  const identity = managerIdentity(writer);
  const comparison = settle(old, next, managers, '(current operation)', true, ownership);
  const taken = comparison.added.union(comparison.modified);
  if (taken.isEmpty()) return taken;
  const previous = managers.get(identity);
  managers.set(identity, { ...writer, set: (previous?.set ?? new FieldSet()).union(taken) });
  return taken;
}

/** An Apply of `config` onto `live` by `applier`: returns the object to store; `managers` is updated in place. */
export function recordApply(live: Json, config: Json, managers: Managers, applier: Omit<ManagerEntry, 'set'>, force: boolean, ownership: Ownership): Json {
  const identity = managerIdentity(applier);
  const merged = mergeConfiguration(live, config, ownership.shape);
  const last = managers.get(identity)?.set;
  const set = fieldSetOf(config, ownership.shape).recursiveDifference(ownership.ignored);
  const before = new Map(managers);
  managers.set(identity, { ...applier, set });
  const pruned = last === undefined ? merged : prune(merged, last, managers, ownership.shape);
  try {
    settle(live, pruned, managers, identity, force, ownership);
  } catch (error) {
    managers.clear();
    for (const [key, entry] of before) managers.set(key, entry);
    throw error;
  }
  return pruned;
}

/** Removes what the applier owned last time and no manager (the applier included) owns now. */
function prune(merged: Json, last: FieldSet, managers: Managers, shape: Shape): Json {
  let owned = new FieldSet();
  for (const entry of managers.values()) owned = owned.union(entry.set);
  const gone = withNamedFieldsAsMembers(last, shape).difference(withNamedFieldsAsMembers(owned, shape));
  return gone.isEmpty() ? merged : removeItems(merged, gone, shape);
}
