// metadata.managedFields through every write, as the Kubernetes API server keeps them (its FieldManager):
// an update, create or non-apply patch records its manager as an Update (from then on; an object without
// managedFields is not tracked until applied, unless created so); server-side apply records an Apply and
// may conflict (see updater.ts). A client may replace managedFields by sending them, or clear them with
// `managedFields: [{}]`. Object identity fields (name, uid, resourceVersion, ...) are never recorded.

import type { KubeObject } from '../../store/object-store-contract.ts';
import { rfc3339Seconds } from '../../store/rfc3339.ts';
import { jsonEqual } from '../patch/json-value.ts';
import { capUpdateManagers } from './cap-managers.ts';
import { FieldSet } from './field-set.ts';
import { conflictsBeyondLastApplied, KUBECTL_MANAGER, updateLastApplied } from './last-applied.ts';
import { decodeManagedFields, encodeManagedFields, type ManagerEntry, type Managers, managerIdentity } from './managers.ts';
import type { Shape } from './shape.ts';
import { ApplyConflicts, type Ownership, recordApply, recordUpdate } from './updater.ts';

type Json = Record<string, unknown>;

export interface FieldManagement {
  shape: Shape;
  /** The apiVersion the request was made in. */
  apiVersion: string;
  /** The endpoint written: the object itself, or its status or scale subresource. */
  subresource: 'status' | 'scale' | undefined;
  /** Whether the resource has a status subresource (then its main endpoint does not write status). */
  statusIsSubresource: boolean;
  /** Built-in kinds start from empty spec and status structs on create, as their Go types do. */
  builtIn: boolean;
  now: Date;
}

const BEFORE_FIRST_APPLY = 'before-first-apply';

/** Never recorded: they identify the object rather than being set by anyone. */
const IDENTITY_FIELDS = FieldSet.of([
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((field) => ['f:metadata', `f:${field}`]),
]);

function comparable(object: KubeObject | Json): Json {
  const { managedFields: _managedFields, ...metadata } = (object.metadata ?? {}) as Json;
  return { ...object, metadata };
}

function ownershipOf(management: FieldManagement, ...objects: Json[]): Ownership {
  const ignored = new FieldSet();
  if (management.subresource === 'status') {
    for (const object of objects) for (const key of Object.keys(object)) if (key !== 'status') ignored.insert([`f:${key}`]);
  } else if (management.subresource === undefined && management.statusIsSubresource) ignored.insert(['f:status']);
  return { shape: management.shape, ignored };
}

function emptyOf(next: Json, management: FieldManagement): Json {
  const empty: Json = { metadata: {} };
  if (management.builtIn) for (const struct of ['spec', 'status']) if (next[struct] !== undefined) empty[struct] = {};
  return empty;
}

function encoded(managers: Managers): unknown[] {
  capUpdateManagers(managers);
  for (const [identity, entry] of managers) managers.set(identity, { ...entry, set: entry.set.difference(IDENTITY_FIELDS) });
  return encodeManagedFields(managers);
}

function writer(manager: string, operation: ManagerEntry['operation'], management: FieldManagement): Omit<ManagerEntry, 'set'> {
  const entry: Omit<ManagerEntry, 'set'> = { manager, operation, apiVersion: management.apiVersion, time: rfc3339Seconds(management.now) };
  if (management.subresource !== undefined) entry.subresource = management.subresource;
  return entry;
}

/** An Update's managers: what the client sent (a subresource write cannot), else the live object's. */
function managersForUpdate(live: KubeObject | undefined, next: KubeObject, management: FieldManagement): Managers {
  const sent = next.metadata.managedFields as unknown;
  if (management.subresource === undefined && Array.isArray(sent)) {
    const reset = sent.length === 0 || (sent.length === 1 && typeof sent[0] === 'object' && sent[0] !== null && Object.keys(sent[0]).length === 0);
    if (reset) return new Map();
    try {
      const decoded = decodeManagedFields(sent);
      if (decoded.size > 0) return decoded;
    } catch {
      // As the real server: managedFields a client cannot have meant are replaced by the live ones.
    }
  }
  return decodeManagedFields(live?.metadata.managedFields);
}

/**
 * The managedFields `next` is stored with after an Update by `manager` of `live` (undefined on create);
 * undefined when the object is not tracked.
 */
export function managedFieldsAfterUpdate(live: KubeObject | undefined, next: KubeObject, manager: string, management: FieldManagement): unknown[] | undefined {
  const managers = managersForUpdate(live, next, management);
  if (managers.size === 0 && live !== undefined) return undefined;
  const old = live === undefined ? emptyOf(next, management) : comparable(live);
  const after = comparable(next);
  recordUpdate(old, after, managers, writer(manager, 'Update', management), ownershipOf(management, old, after));
  const fields = encoded(managers);
  return fields.length > 0 ? fields : undefined;
}

/**
 * Server-side apply of `config` by `manager` onto `live` (undefined: the apply creates the object): the
 * object to store, managedFields included. Throws ApplyConflicts unless `force`.
 */
export function applyWithOwnership(live: KubeObject | undefined, config: KubeObject, manager: string, force: boolean, management: FieldManagement): KubeObject {
  const liveJson = live === undefined ? { metadata: {} } : comparable(live);
  const ownership = ownershipOf(management, liveJson, config);
  const managers = decodeManagedFields(live?.metadata.managedFields);
  if (managers.size === 0 && live !== undefined) {
    // Fields set before anyone applied belong to a manager of their own, so they can conflict.
    const { subresource: _subresource, ...beforeFirstApply } = writer(BEFORE_FIRST_APPLY, 'Update', management);
    recordUpdate(emptyOf(liveJson, management), liveJson, managers, beforeFirstApply, ownership);
  }
  const applier = writer(manager, 'Apply', management);
  const previousTime = managers.get(managerIdentity(applier))?.time;
  let applied: Json;
  try {
    applied = recordApply(liveJson, config, managers, applier, force, ownership);
  } catch (error) {
    if (!(error instanceof ApplyConflicts) || manager !== KUBECTL_MANAGER || live === undefined) throw error;
    const remaining = conflictsBeyondLastApplied(error.conflicts, live, management.shape);
    if (remaining.length > 0) throw new ApplyConflicts(remaining);
    applied = recordApply(liveJson, config, managers, applier, true, ownership);
  }
  const result = applied as KubeObject;
  if (manager === KUBECTL_MANAGER) updateLastApplied(result, config);
  // As the real server: an apply that changes nothing leaves the applier's time as it was.
  const entry = managers.get(managerIdentity(applier));
  if (entry !== undefined && previousTime !== undefined && jsonEqual(result, liveJson)) managers.set(managerIdentity(applier), { ...entry, time: previousTime });
  const fields = encoded(managers);
  result.metadata = { ...result.metadata };
  if (fields.length > 0) result.metadata.managedFields = fields;
  else delete result.metadata.managedFields;
  return result;
}
