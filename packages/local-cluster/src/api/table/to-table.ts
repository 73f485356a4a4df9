// The meta.k8s.io/v1 Table answer `kubectl get` asks for: column definitions plus one row of cells per object,
// each row carrying the object's metadata as a PartialObjectMetadata (kubectl uses it for -A, --show-labels).
import { isRecord } from '../../crd/structural-schema.ts';
import type { KubeObject } from '../../store/object-store-contract.ts';
import { ageOf } from './human-duration.ts';
import { ageColumn, type PrinterColumn } from './printer-column.ts';
import { compileJsonPath } from './simple-json-path.ts';

export { defaultPrinterColumns } from './built-in-printer-columns.ts';
export { ageOf, humanDuration } from './human-duration.ts';
export type { PrinterColumn } from './printer-column.ts';

const nameColumn: PrinterColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  jsonPath: '.metadata.name',
  description: 'The name of the object, unique within its namespace.',
};

function cellOfValue(value: unknown, type: string, now: Date): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'date') return ageOf(value, now);
  if ((type === 'integer' || type === 'number') && typeof value === 'number') return value;
  if (type === 'boolean' && typeof value === 'boolean') return value;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reads one column's cell; a path that does not parse gives an empty cell rather than failing the listing. */
function cellReader(column: PrinterColumn): (object: KubeObject, now: Date) => unknown {
  const compute = column.cell;
  if (compute !== undefined) return compute;
  let find: (value: unknown) => unknown[];
  try {
    find = compileJsonPath(column.jsonPath);
  } catch {
    return () => null;
  }
  // As the API server does for custom resources: the first match only.
  return (object, now) => cellOfValue(find(object)[0], column.type, now);
}

function definitionOf(column: PrinterColumn): Record<string, unknown> {
  return {
    name: column.name,
    type: column.type,
    format: column.format ?? '',
    description: column.description ?? '',
    priority: column.priority ?? 0,
  };
}

function partialObjectMetadata(object: KubeObject): Record<string, unknown> {
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

/** A meta.k8s.io/v1 Table of the objects, as kubectl get expects (rows carry `object` as PartialObjectMetadata); NAME first, AGE from creationTimestamp relative to `now`. */
export function toTable(objects: KubeObject[], columns: PrinterColumn[], now: Date, resourceVersion: string): object {
  const allColumns = columns[0]?.jsonPath === nameColumn.jsonPath ? columns : [nameColumn, ...columns];
  const readers = allColumns.map(cellReader);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: allColumns.map(definitionOf),
    rows: objects.map((object) => ({
      cells: readers.map((read) => read(object, now)),
      object: partialObjectMetadata(object),
    })),
  };
}

/** The additionalPrinterColumns of `version` of a CRD, or AGE alone when it declares none (as the API server does). */
export function printerColumnsOfCrd(crd: KubeObject, version: string): PrinterColumn[] {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  const declared = versions.find((candidate) => candidate.name === version)?.additionalPrinterColumns;
  if (!Array.isArray(declared) || declared.length === 0) return [ageColumn];
  return declared.filter(isRecord).map((column) => {
    const printerColumn: PrinterColumn = { name: String(column.name), type: String(column.type ?? 'string'), jsonPath: String(column.jsonPath) };
    if (typeof column.description === 'string') printerColumn.description = column.description;
    if (typeof column.priority === 'number') printerColumn.priority = column.priority;
    if (typeof column.format === 'string') printerColumn.format = column.format;
    return printerColumn;
  });
}
