// What server-side apply needs to know about the type of each node of an object (structured-merge-diff
// reads it from the OpenAPI schema): how a list merges (atomic: replaced whole; set: scalars by value;
// map: items by their key fields), whether an object is atomic, and whether a key of an object is a named
// field (a struct field) or an entry of a map. What the schema does not describe is "deduced": objects
// merge field by field as maps, lists are atomic.

export type ListType =
  | { kind: 'atomic' }
  | { kind: 'set' }
  /** `keyDefaults` fill a key field an item leaves out (a port's protocol is TCP). */
  | { kind: 'map'; keys: string[]; keyDefaults: Record<string, unknown> };

export interface Shape {
  readonly listType: ListType;
  readonly atomicObject: boolean;
  field(name: string): { shape: Shape; named: boolean };
  items(): Shape;
}

const atomicList: ListType = { kind: 'atomic' };

/** Anything the schema leaves open (x-kubernetes-preserve-unknown-fields, unknown built-in fields). */
export const deducedShape: Shape = {
  listType: atomicList,
  atomicObject: false,
  field: () => ({ shape: deducedShape, named: false }),
  items: () => deducedShape,
};

/** A shape whose every child is `child`, e.g. a map of strings. */
function mapShape(child: Shape = deducedShape): Shape {
  return { listType: atomicList, atomicObject: false, field: () => ({ shape: child, named: false }), items: () => deducedShape };
}

function listShape(listType: ListType, items: Shape = deducedShape): Shape {
  return { listType, atomicObject: false, field: () => ({ shape: deducedShape, named: false }), items: () => items };
}

/** A struct: named fields with their own shapes, other keys deduced. */
function structShape(fields: Record<string, Shape>, options: { atomic?: boolean } = {}): Shape {
  return {
    listType: atomicList,
    atomicObject: options.atomic === true,
    field: (name) => (Object.hasOwn(fields, name) ? { shape: fields[name] as Shape, named: true } : { shape: deducedShape, named: true }),
    items: () => deducedShape,
  };
}

/** ObjectMeta, shared by every kind: labels and annotations are maps, finalizers a set, ownerReferences keyed by uid. */
export const objectMetaShape: Shape = structShape({
  labels: mapShape(),
  annotations: mapShape(),
  finalizers: listShape({ kind: 'set' }),
  ownerReferences: listShape({ kind: 'map', keys: ['uid'], keyDefaults: {} }, structShape({})),
});
