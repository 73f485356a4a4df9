// Schema validation and defaulting of custom resources with ajv, and the translation of ajv's errors into
// Kubernetes-style field causes (the API server's wording, e.g. "in body should be less than or equal to").
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { childPath, type FieldCause, formatValue } from './field-cause.ts';
import { checkedStringFormats } from './schema-formats.ts';
import { isRecord, type StructuralSchema } from './structural-schema.ts';

/** The checks a CRD may put on metadata.name and metadata.generateName (the API server ignores the rest of metadata). */
const metadataKeywordsKept = ['type', 'maxLength', 'minLength', 'pattern', 'format', 'enum'];

function collectFormats(schema: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) collectFormats(item, into);
  else if (isRecord(schema)) {
    if (typeof schema.format === 'string') into.add(schema.format);
    for (const value of Object.values(schema)) collectFormats(value, into);
  }
  return into;
}

function onlyValidationKeywords(schema: unknown): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (!isRecord(schema)) return kept;
  for (const keyword of metadataKeywordsKept) if (keyword in schema) kept[keyword] = schema[keyword];
  return kept;
}

/** ajv-ready copy: metadata checked only for name/generateName (as the API server does), int-or-string typed. */
function ajvSchemaOf(schema: StructuralSchema): Record<string, unknown> {
  const copy = structuredClone(schema) as Record<string, unknown>;
  const properties = isRecord(copy.properties) ? copy.properties : undefined;
  if (properties !== undefined && 'metadata' in properties) {
    const metadata = isRecord(properties.metadata) ? properties.metadata : {};
    const metadataProperties = isRecord(metadata.properties) ? metadata.properties : {};
    const checked: Record<string, unknown> = {};
    for (const field of ['name', 'generateName']) {
      if (field in metadataProperties) checked[field] = onlyValidationKeywords(metadataProperties[field]);
    }
    properties.metadata = { type: 'object', properties: checked };
  }
  fixKubernetesOnlyKeywords(copy);
  return copy;
}

function fixKubernetesOnlyKeywords(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const item of schema) fixKubernetesOnlyKeywords(item);
    return;
  }
  if (!isRecord(schema)) return;
  if (schema['x-kubernetes-int-or-string'] === true && schema.type === undefined && schema.anyOf === undefined) {
    schema.type = ['integer', 'string'];
  }
  // ajv refuses `nullable` without `type`; such a node accepts null anyway.
  if (schema.nullable !== undefined && schema.type === undefined) delete schema.nullable;
  for (const [key, value] of Object.entries(schema)) {
    // `properties`, `default` and `enum` hold data or names, not keywords: only descend where schemas live.
    if (key === 'default' || key === 'enum' || key === 'example') continue;
    fixKubernetesOnlyKeywords(value);
  }
}

/** Compiles a validating-and-defaulting function; throws ajv's error when the schema is unusable. */
export function compileSchemaValidation(schema: StructuralSchema): ValidateFunction {
  const formats: Record<string, true | ((text: string) => boolean)> = {};
  for (const name of collectFormats(schema, new Set())) formats[name] = checkedStringFormats[name] ?? true;
  const ajv = new Ajv({ strict: false, allErrors: true, useDefaults: true, logger: false, unicodeRegExp: false, formats });
  return ajv.compile(ajvSchemaOf(schema));
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The Kubernetes field path and the value of an ajv instancePath inside `data`. */
function locate(data: unknown, pointer: string): { path: string; value: unknown } {
  let path = '';
  let value = data;
  for (const token of decodePointer(pointer)) {
    if (Array.isArray(value)) {
      path = childPath(path, Number(token));
      value = value[Number(token)];
    } else {
      path = childPath(path, token);
      value = isRecord(value) ? value[token] : undefined;
    }
  }
  return { path, value };
}

function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function param(error: ErrorObject, name: string): unknown {
  return (error.params as Record<string, unknown>)[name];
}

const combinatorMessages: Record<string, string> = {
  oneOf: 'must validate one and only one schema (oneOf)',
  anyOf: 'must validate at least one schema (anyOf)',
  not: 'must not validate the schema (not)',
};

function describeLimit(error: ErrorObject, path: string, value: unknown): FieldCause {
  const limit = String(param(error, 'limit'));
  const shown = formatValue(value);
  switch (error.keyword) {
    case 'maximum':
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: ${path} in body should be less than or equal to ${limit}` };
    case 'exclusiveMaximum':
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: ${path} in body should be less than ${limit}` };
    case 'minimum':
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: ${path} in body should be greater than or equal to ${limit}` };
    case 'exclusiveMinimum':
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: ${path} in body should be greater than ${limit}` };
    case 'maxLength':
      return { field: path, reason: 'FieldValueTooLong', message: `Too long: may not be more than ${limit} bytes` };
    case 'minLength':
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: ${path} in body should be at least ${limit} chars long` };
    case 'maxItems':
      return { field: path, reason: 'FieldValueTooMany', message: `Too many: ${Array.isArray(value) ? value.length : shown}: must have at most ${limit} items` };
    case 'minItems':
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${Array.isArray(value) ? value.length : shown}: ${path} in body should have at least ${limit} items` };
    case 'maxProperties':
      return { field: path, reason: 'FieldValueTooMany', message: `Too many: ${isRecord(value) ? Object.keys(value).length : shown}: must have at most ${limit} properties` };
    default:
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${isRecord(value) ? Object.keys(value).length : shown}: ${path} in body should have at least ${limit} properties` };
  }
}

const limitKeywords = new Set(['maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties', 'minProperties']);

function causeOfAjvError(error: ErrorObject, data: unknown): FieldCause {
  const { path, value } = locate(data, error.instancePath);
  if (limitKeywords.has(error.keyword)) return describeLimit(error, path, value);
  switch (error.keyword) {
    case 'required':
      return { field: childPath(path, String(param(error, 'missingProperty'))), reason: 'FieldValueRequired', message: 'Required value' };
    case 'type': {
      const actual = jsonTypeName(value);
      const expected = String(param(error, 'type')).replace(',', ' or ');
      return { field: path, reason: 'FieldValueTypeInvalid', message: `Invalid value: "${actual}": ${path} in body must be of type ${expected}: "${actual}"` };
    }
    case 'enum': {
      const allowed = (param(error, 'allowedValues') as unknown[]).map(formatValue).join(', ');
      return { field: path, reason: 'FieldValueNotSupported', message: `Unsupported value: ${formatValue(value)}: supported values: ${allowed}` };
    }
    case 'pattern':
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${formatValue(value)}: ${path} in body should match '${String(param(error, 'pattern'))}'` };
    case 'format':
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${formatValue(value)}: ${path} in body must be of type ${String(param(error, 'format'))}: ${formatValue(value)}` };
    case 'uniqueItems':
      return { field: path, reason: 'FieldValueDuplicate', message: `Duplicate value: ${formatValue(value)}` };
    default: {
      const detail = combinatorMessages[error.keyword] ?? error.message ?? error.keyword;
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: "${jsonTypeName(value)}": ${path} in body ${detail}` };
    }
  }
}

/**
 * Causes for ajv's errors. Errors inside oneOf/anyOf/not branches are dropped (the branch that was not meant
 * would only confuse), except format failures, which say what is wrong with the value.
 */
export function causesOfAjvErrors(errors: ErrorObject[] | null | undefined, data: unknown): FieldCause[] {
  const causes: FieldCause[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const insideBranch = /\/(oneOf|anyOf|not)\//.test(error.schemaPath);
    if (insideBranch && error.keyword !== 'format') continue;
    const cause = causeOfAjvError(error, data);
    const key = `${cause.field}\u0000${cause.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      causes.push(cause);
    }
  }
  return causes;
}
