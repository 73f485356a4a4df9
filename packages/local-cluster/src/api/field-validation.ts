// The `fieldValidation` query parameter of create, update and patch, as the real API server reads it:
// Strict refuses unknown fields with a 400 naming each one, Warn (the default) stores the object
// without them and says so in a `Warning` header per field, Ignore drops them silently.

import { badRequest } from '../store/api-error.ts';

export type FieldValidationDirective = 'Strict' | 'Warn' | 'Ignore';

const DIRECTIVES: readonly FieldValidationDirective[] = ['Strict', 'Warn', 'Ignore'];

export function fieldValidationOf(query: URLSearchParams): FieldValidationDirective {
  const value = query.get('fieldValidation');
  if (value === null || value === '') return 'Warn';
  const directive = DIRECTIVES.find((d) => d === value);
  if (!directive) {
    throw badRequest(`fieldValidation parameter unsupported: ${JSON.stringify(value)}: use one of Strict, Warn or Ignore`);
  }
  return directive;
}

/** How a write names itself in a strict decoding error: a patch has no "cannot be handled as" prefix. */
export interface DecodingSubject {
  kind: string;
  version: string;
  isPatch: boolean;
}

/**
 * Acts on the fields decoding dropped (`spec.foo`): throws the 400 of Strict, or returns the warnings
 * of Warn (empty under Ignore or when nothing was dropped).
 */
export function unknownFieldWarnings(
  directive: FieldValidationDirective,
  unknownFields: readonly string[],
  subject: DecodingSubject,
): string[] {
  if (unknownFields.length === 0 || directive === 'Ignore') return [];
  const described = unknownFields.map((field) => `unknown field "${field}"`);
  if (directive === 'Warn') return described;
  const strict = `strict decoding error: ${described.join(', ')}`;
  if (subject.isPatch) throw badRequest(strict);
  throw badRequest(`${subject.kind} in version "${subject.version}" cannot be handled as a ${subject.kind}: ${strict}`);
}

/** The `Warning` header values for warnings, in the RFC 7234 form kubectl and client-go print. */
export function warningHeaderValues(warnings: readonly string[]): string[] {
  // A header value must be printable ASCII: a field name in another script must not break the answer.
  return warnings.map((text) => `299 - ${JSON.stringify(text).replace(/[^\x20-\x7e]/g, '?')}`);
}
