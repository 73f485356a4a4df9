// metadata.managedFields read into a table of managers and written back. A manager is known by its name,
// operation, subresource and, for Update, the apiVersion it wrote (an applier keeps one entry whatever
// version it applies in), as the Kubernetes API server identifies them. Entries are written Apply first,
// then by time, manager, apiVersion and subresource.

import { FieldSet } from './field-set.ts';

export type Operation = 'Apply' | 'Update';

export interface ManagerEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource?: string;
  /** RFC 3339, seconds precision. */
  time?: string;
  set: FieldSet;
}

/** Managers by identity (see managerIdentity). */
export type Managers = Map<string, ManagerEntry>;

export function managerIdentity(entry: Omit<ManagerEntry, 'set' | 'time'>): string {
  return JSON.stringify({
    manager: entry.manager,
    operation: entry.operation,
    apiVersion: entry.operation === 'Apply' ? '' : entry.apiVersion,
    subresource: entry.subresource ?? '',
  });
}

/** How a conflict message names a manager: `"kubectl"`, `"kube-controller" using apps/v1`, ... with subresource "status". */
export function describeManager(entry: Omit<ManagerEntry, 'set'>): string {
  let text = JSON.stringify(entry.manager);
  if (entry.subresource) text += ` with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === 'Update') text += ` using ${entry.apiVersion}`;
  return text;
}

export class ManagedFieldsError extends Error {
  readonly code = 'LOCAL_CLUSTER_MANAGED_FIELDS';
  constructor(index: number, why: string) {
    super(`metadata.managedFields[${index}]: ${why}`);
    this.name = 'ManagedFieldsError';
  }
}

/** Reads managedFields; throws ManagedFieldsError naming the entry that cannot be read. */
export function decodeManagedFields(entries: unknown): Managers {
  const managers: Managers = new Map();
  if (entries === undefined || entries === null) return managers;
  if (!Array.isArray(entries)) throw new ManagedFieldsError(0, 'managedFields must be a list');
  entries.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null) throw new ManagedFieldsError(index, 'not an object');
    const { manager, operation, apiVersion, subresource, time, fieldsType, fieldsV1 } = raw as Record<string, unknown>;
    if (operation !== 'Apply' && operation !== 'Update') throw new ManagedFieldsError(index, `operation must be Apply or Update, got ${JSON.stringify(operation)}`);
    if (fieldsType !== undefined && fieldsType !== 'FieldsV1') throw new ManagedFieldsError(index, `fieldsType must be FieldsV1, got ${JSON.stringify(fieldsType)}`);
    let set: FieldSet;
    try {
      set = FieldSet.fromFieldsV1(fieldsV1 ?? {});
    } catch (error) {
      throw new ManagedFieldsError(index, (error as Error).message);
    }
    const entry: ManagerEntry = { manager: typeof manager === 'string' ? manager : '', operation, apiVersion: typeof apiVersion === 'string' ? apiVersion : '', set };
    if (typeof subresource === 'string' && subresource !== '') entry.subresource = subresource;
    if (typeof time === 'string') entry.time = time;
    const identity = managerIdentity(entry);
    const earlier = managers.get(identity);
    managers.set(identity, earlier === undefined ? entry : { ...entry, set: earlier.set.union(set) });
  });
  return managers;
}

function compareEntries(a: ManagerEntry, b: ManagerEntry): number {
  const seconds = (entry: ManagerEntry) => (entry.time === undefined ? 0 : Date.parse(entry.time) / 1000);
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    text(a.operation, b.operation) ||
    seconds(a) - seconds(b) ||
    text(a.manager, b.manager) ||
    text(a.apiVersion, b.apiVersion) ||
    text(a.subresource ?? '', b.subresource ?? '')
  );
}

/** The managedFields list, leaving out managers that own nothing. */
export function encodeManagedFields(managers: Managers): Record<string, unknown>[] {
  return [...managers.values()]
    .filter((entry) => !entry.set.isEmpty())
    .sort(compareEntries)
    .map((entry) => {
      const encoded: Record<string, unknown> = { manager: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion };
      if (entry.time !== undefined) encoded.time = entry.time;
      encoded.fieldsType = 'FieldsV1';
      encoded.fieldsV1 = entry.set.toFieldsV1();
      if (entry.subresource !== undefined) encoded.subresource = entry.subresource;
      return encoded;
    });
}
