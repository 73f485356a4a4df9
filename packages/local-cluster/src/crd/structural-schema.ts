// The parts of a CRD's openAPIV3Schema (a Kubernetes "structural schema") this folder reads.

export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

export interface StructuralSchema {
  type?: string;
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  nullable?: boolean;
  default?: unknown;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: ValidationRule[];
  [keyword: string]: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema of a map's values, when the schema describes a map (additionalProperties with a schema). */
export function mapValueSchema(schema: StructuralSchema): StructuralSchema | undefined {
  const additional = schema.additionalProperties;
  return isRecord(additional) ? additional : undefined;
}

/** The schema of the field `key` of an object described by `schema` (a declared property or a map value). */
export function fieldSchema(schema: StructuralSchema, key: string): StructuralSchema | undefined {
  return schema.properties?.[key] ?? mapValueSchema(schema);
}

/** The type name Kubernetes shows for a node in its messages ("object", "array", "string", ...). */
export function schemaTypeName(schema: StructuralSchema, value: unknown): string {
  if (schema.type !== undefined) return schema.type;
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}
