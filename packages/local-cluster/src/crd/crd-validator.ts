// What the API server does to a custom resource before storing it, per served version of its CRD:
// prune unknown fields, apply schema defaults, validate against the schema (types, limits, formats,
// list-type invariants), then run the x-kubernetes-validations CEL rules.
import type { ValidateFunction } from 'ajv';
import { cloneJson } from '../store/clone-json.ts';
import type { KubeObject } from '../store/object-store-contract.ts';
import { CelRuleSet } from './cel-rules.ts';
import { CrdSchemaError } from './crd-schema-error.ts';
import type { FieldCause } from './field-cause.ts';
import { validateListTypes } from './list-type-validation.ts';
import { pruneUnknownFields } from './prune-unknown-fields.ts';
import { causesOfAjvErrors, compileSchemaValidation } from './schema-validation.ts';
import { isRecord, type StructuralSchema } from './structural-schema.ts';

export { CrdSchemaError } from './crd-schema-error.ts';
export { type FieldCause, type FieldCauseReason, formatFieldCause, invalidObjectMessage } from './field-cause.ts';

export interface CrdValidationResult {
  /** The pruned and defaulted copy of the object. */
  object: KubeObject;
  /** Empty when the object is valid. */
  causes: FieldCause[];
  /** Paths of the fields pruning dropped (`spec.foo`): a BadRequest under fieldValidation=Strict, a warning under Warn. */
  unknownFields: string[];
}

export interface CrdVersionValidator {
  /** The version's openAPIV3Schema (server-side apply reads list types and map keys from it). */
  readonly schema: StructuralSchema;
  /** Rules that did not compile, each naming the CRD, version and rule; they are skipped, not enforced. */
  readonly problems: readonly string[];
  /** Applies schema defaults, then validates (schema, then x-kubernetes-validations CEL rules, with oldSelf for transition rules when `old` is given). Returns the defaulted copy. */
  validate(object: KubeObject, old?: KubeObject): CrdValidationResult;
}

/** Kubernetes skips the CEL rules when a value has the wrong type: the rules could not be evaluated sensibly. */
const celSkippedCause: FieldCause = {
  field: '',
  reason: 'FieldValueInvalid',
  message: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
};

class SchemaVersionValidator implements CrdVersionValidator {
  readonly #schema: StructuralSchema;
  readonly #schemaValidation: ValidateFunction;
  readonly #celRules: CelRuleSet;

  constructor(schema: StructuralSchema, schemaValidation: ValidateFunction, celRules: CelRuleSet) {
    this.#schema = schema;
    this.#schemaValidation = schemaValidation;
    this.#celRules = celRules;
  }

  get problems(): readonly string[] {
    return this.#celRules.problems;
  }

  get schema(): StructuralSchema {
    return this.#schema;
  }

  validate(object: KubeObject, old?: KubeObject): CrdValidationResult {
    const copy = cloneJson(object);
    const unknownFields = pruneUnknownFields(copy, this.#schema);
    // Two passes: ajv fills defaults while it validates, so oneOf/anyOf branches evaluated before a sibling's
    // default was set would see the undefaulted object; Kubernetes defaults everything first, then validates.
    this.#schemaValidation(copy);
    this.#schemaValidation(copy);
    const causes = causesOfAjvErrors(this.#schemaValidation.errors, copy);
    causes.push(...validateListTypes(copy, this.#schema));
    if (causes.some((cause) => cause.reason === 'FieldValueTypeInvalid')) causes.push(celSkippedCause);
    else causes.push(...this.#celRules.evaluate(copy, old));
    return { object: copy, causes, unknownFields };
  }
}

interface CrdVersion {
  name: string;
  served: boolean;
  schema: unknown;
}

function versionsOf(crd: KubeObject): CrdVersion[] {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  return versions.filter(isRecord).map((version) => ({
    name: String(version.name),
    served: version.served !== false,
    schema: isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined,
  }));
}

function compileVersion(crdName: string, version: CrdVersion): CrdVersionValidator {
  if (!isRecord(version.schema)) {
    throw new CrdSchemaError(crdName, version.name, 'schema.openAPIV3Schema is missing; every served version needs one');
  }
  const schema = version.schema as StructuralSchema;
  let schemaValidation: ValidateFunction;
  try {
    schemaValidation = compileSchemaValidation(schema);
  } catch (error) {
    throw new CrdSchemaError(crdName, version.name, `the schema does not compile: ${(error as Error).message}`);
  }
  const celRules = new CelRuleSet(schema, `CustomResourceDefinition "${crdName}" version ${version.name}`);
  return new SchemaVersionValidator(schema, schemaValidation, celRules);
}

/**
 * Compiled validators by CRD name and schema text. Compiling the large Gateway API schemas takes tens to hundreds
 * of milliseconds; versions that share a schema (v1 and v1beta1) and CRDs installed again (every local cluster
 * start) reuse the compiled form. Bounded, oldest first out.
 */
const compiledCache = new Map<string, CrdVersionValidator>();
const compiledCacheLimit = 64;

function cachedCompile(crdName: string, version: CrdVersion): CrdVersionValidator {
  const key = `${crdName}\u0000${JSON.stringify(version.schema)}`;
  const cached = compiledCache.get(key);
  if (cached !== undefined) return cached;
  const validator = compileVersion(crdName, version);
  compiledCache.set(key, validator);
  if (compiledCache.size > compiledCacheLimit) {
    const oldest = compiledCache.keys().next().value;
    if (oldest !== undefined) compiledCache.delete(oldest);
  }
  return validator;
}

/** One validator per served version; throws CrdSchemaError naming the CRD and version when a schema cannot be compiled. */
export function compileCrdValidators(crd: KubeObject): Map<string, CrdVersionValidator> {
  const validators = new Map<string, CrdVersionValidator>();
  for (const version of versionsOf(crd)) {
    if (version.served) validators.set(version.name, cachedCompile(crd.metadata.name, version));
  }
  return validators;
}
