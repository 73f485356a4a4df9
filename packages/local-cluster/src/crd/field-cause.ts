// Validation failures in the shape of Kubernetes' Status causes, and the messages the API server builds from them.

export type FieldCauseReason =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueTypeInvalid';

/**
 * One failure. `message` is the body without the field, as in a Status cause
 * (`Invalid value: 70000: spec.listeners[0].port in body should be less than or equal to 65535`);
 * formatFieldCause() prefixes the field as the Status message does.
 */
export interface FieldCause {
  field: string;
  reason: FieldCauseReason;
  message: string;
}

/** `spec.listeners[0].port: Invalid value: ...`, one entry of the Status message. */
export function formatFieldCause(cause: FieldCause): string {
  return cause.field === '' ? cause.message : `${cause.field}: ${cause.message}`;
}

/**
 * The Status message of a 422 Invalid answer, e.g.
 * `Gateway.gateway.networking.k8s.io "gw" is invalid: spec.listeners[0].port: Invalid value: ...`.
 */
export function invalidObjectMessage(kind: string, group: string, name: string, causes: FieldCause[]): string {
  const qualifiedKind = group === '' ? kind : `${kind}.${group}`;
  const details = causes.map(formatFieldCause);
  const body = details.length === 1 ? (details[0] ?? '') : `[${details.join(', ')}]`;
  return `${qualifiedKind} "${name}" is invalid: ${body}`;
}

/** A value as Kubernetes prints it in a message: strings quoted, numbers bare, compound values as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? 'null';
}

/** Appends an object field or a list index to a Kubernetes field path (`spec.rules[0].matches`). */
export function childPath(path: string, child: string | number): string {
  if (typeof child === 'number') return `${path}[${child}]`;
  return path === '' ? child : `${path}.${child}`;
}
