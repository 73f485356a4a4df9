// The write path shared by POST, PUT, PATCH and server-side apply: kind and namespace checks,
// decoding (unknown fields dropped, then refused or warned about per fieldValidation), built-in
// defaulting, name rules, CRD schema validation (A2's validators), managedFields of the writer, validating
// admission policies, then the store.

import { isDeepStrictEqual } from 'node:util';
import { pruneUnknownFields } from '../crd/prune-unknown-fields.ts';
import { ApiError, badRequest, invalid, notFound } from '../store/api-error.ts';
import type { KubeObject } from '../store/object-store-contract.ts';
import { rfc3339Seconds } from '../store/rfc3339.ts';
import type { AdmissionOperation } from './admission/admission-request.ts';
import { admissionObjectWarnings } from './admission/policy-warnings.ts';
import { admitWrite } from './admission/validating-admission.ts';
import { applyBuiltInDefaults } from './built-in-defaults.ts';
import { modelOfBuiltInKind, pruneUnknownBuiltInFields, pruneUnknownMetadataFields } from './built-in-field-schema.ts';
import { NAMESPACES_KEY } from './built-in-resources.ts';
import { compileValidatorsOrInvalid, validateCrdShape } from './crd-resources.ts';
import { managedFieldsAfterUpdate } from './field-manager/field-manager.ts';
import { fieldManagementOf } from './field-manager/resource-field-management.ts';
import { type FieldValidationDirective, unknownFieldWarnings } from './field-validation.ts';
import { nameCauses } from './object-name-validation.ts';
import { apiVersionOf, type ResourceInfo, storeKeyOf } from './resource-info.ts';
import type { ServerContext } from './server-context.ts';

export interface WriteTarget {
  info: ResourceInfo;
  namespace: string | undefined;
  /** The name in the URL (PUT, PATCH); undefined for POST. */
  name: string | undefined;
  subresource: 'status' | undefined;
  dryRun: boolean;
  /** How a client's write treats unknown fields; the server's own writes leave it out (Ignore). */
  decoding?: DecodingOptions;
  /**
   * The manager an Update is recorded for in metadata.managedFields; left out by the server's own writes and
   * by server-side apply (which brings its managedFields along).
   */
  fieldManager?: { manager: string; subresource?: 'scale' };
}

export interface DecodingOptions {
  directive: FieldValidationDirective;
  /** A patch's strict error does not say "cannot be handled as a <Kind>". */
  isPatch: boolean;
  /** Receives the answer's warnings: `unknown field "..."` of the Warn directive, admission warnings. */
  warnings: string[];
}

/** Kinds whose status the server itself fills in on create (the others start without one). */
const STATUS_SET_ON_CREATE = new Set(['/pods', '/namespaces', '/services']);

export function createObject(ctx: ServerContext, target: WriteTarget, body: unknown): KubeObject {
  const object = checkedObject(target, body);
  const { info } = target;
  if (info.namespaced) requireNamespace(ctx, object.metadata.namespace);
  if (info.hasStatus && !STATUS_SET_ON_CREATE.has(`${info.group}/${info.resource}`)) delete object.status;
  const prepared = prepare(ctx, target, object, undefined);
  recordManager(ctx, target, undefined, prepared);
  admit(ctx, target, 'CREATE', undefined, prepared);
  if (target.dryRun) return asServed(info, dryRunCreated(prepared, ctx.now()));
  return asServed(info, ctx.store.create(storeKeyOf(info), prepared));
}

export function updateObject(ctx: ServerContext, target: WriteTarget, body: unknown): KubeObject {
  const object = checkedObject(target, body);
  const { info } = target;
  const key = storeKeyOf(info);
  const old = ctx.store.get(key, object.metadata.namespace, object.metadata.name);
  if (!old) throw notFound(info.group, info.resource, object.metadata.name);
  if (target.subresource === 'status') {
    const merged = prepare(ctx, target, { ...old, status: object.status, metadata: { ...old.metadata, resourceVersion: object.metadata.resourceVersion } }, old);
    recordManager(ctx, target, old, merged);
    admit(ctx, target, 'UPDATE', old, merged);
    if (target.dryRun) return asServed(info, merged);
    return asServed(info, ctx.store.update(key, merged, { subresource: 'status' }));
  }
  const prepared = prepare(ctx, target, object, old);
  recordManager(ctx, target, old, prepared);
  admit(ctx, target, 'UPDATE', old, prepared);
  if (target.dryRun) return asServed(info, prepared);
  const updated = ctx.store.update(key, prepared);
  // Without a status subresource, .status is an ordinary field written with the rest.
  if (!info.hasStatus && prepared.status !== undefined && !isDeepStrictEqual(prepared.status, updated.status)) {
    return asServed(info, ctx.store.update(key, { ...updated, status: prepared.status }, { subresource: 'status' }));
  }
  return asServed(info, updated);
}

/** Records the target's manager as an Update in `next`'s managedFields (see field-manager/field-manager.ts). */
function recordManager(ctx: ServerContext, target: WriteTarget, old: KubeObject | undefined, next: KubeObject): void {
  if (target.fieldManager === undefined) return;
  const subresource = target.fieldManager.subresource ?? target.subresource;
  const management = fieldManagementOf(target.info, subresource, ctx.now());
  let fields: unknown[] | undefined;
  try {
    fields = managedFieldsAfterUpdate(old, next, target.fieldManager.manager, management);
  } catch (error) {
    // As the real server: managedFields it cannot compute are dropped (and said so in its log), the write goes on.
    ctx.log(`managedFields of ${target.info.kind} ${next.metadata.namespace ?? ''}/${next.metadata.name} dropped: ${String(error)}`);
    fields = undefined;
  }
  if (fields === undefined) delete next.metadata.managedFields;
  else next.metadata.managedFields = fields;
}

/** Validating admission (policies); its warnings, and what a policy written here cannot enforce, go to the answer. */
function admit(ctx: ServerContext, target: WriteTarget, operation: AdmissionOperation, old: KubeObject | undefined, next: KubeObject): void {
  const subresource = target.fieldManager?.subresource ?? target.subresource;
  const { metadata } = next;
  const request = { operation, info: target.info, subresource, name: metadata.name, namespace: metadata.namespace, object: next, oldObject: old, dryRun: target.dryRun };
  const warnings = admitWrite(ctx, request);
  if (subresource === undefined) warnings.push(...admissionObjectWarnings(ctx, target.info.resource, next));
  target.decoding?.warnings.push(...warnings);
}

/**
 * Drops the unknown fields of a server-side apply configuration before it is merged (so no one comes to own
 * them), refusing or warning per fieldValidation as a whole object's decoding would; nulls stay (they remove).
 */
export function decodeApplyConfiguration(target: WriteTarget, config: KubeObject): void {
  const { info } = target;
  const unknownFields = info.builtIn
    ? pruneUnknownBuiltInFields(config, modelOfBuiltInKind(info.group, info.kind))
    : [...pruneUnknownMetadataFields(config), ...(info.validator ? pruneUnknownFields(config, info.validator.schema, { keepNulls: true }) : [])];
  checkUnknownFields(target, unknownFields);
}

/** What clients see: the object in the version they asked for (CRD versions share one stored object). */
export function asServed(info: ResourceInfo, object: KubeObject): KubeObject {
  return { ...object, apiVersion: apiVersionOf(info), kind: info.kind };
}

export function requireNamespace(ctx: ServerContext, namespace: string | undefined): void {
  if (!namespace) throw badRequest('a namespace is required for this resource: set metadata.namespace or use a namespaced URL');
  if (!ctx.store.get(NAMESPACES_KEY, undefined, namespace)) throw notFound('', 'namespaces', namespace);
}

/** The body as an object of the target's kind, with namespace and name agreeing with the URL. */
function checkedObject(target: WriteTarget, body: unknown): KubeObject {
  const { info } = target;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`the request body must be a ${info.kind} object in JSON`);
  }
  const object = structuredClone(body) as KubeObject;
  object.apiVersion ??= apiVersionOf(info);
  object.kind ??= info.kind;
  if (object.kind !== info.kind || object.apiVersion !== apiVersionOf(info)) {
    throw badRequest(
      `the object's apiVersion/kind ${object.apiVersion}/${object.kind} do not match the URL's ${apiVersionOf(info)}/${info.kind}: send it to the matching resource path`,
    );
  }
  if (typeof object.metadata !== 'object' || object.metadata === null || Array.isArray(object.metadata)) {
    object.metadata = { name: '' };
  }
  object.metadata.name ??= '';
  for (const field of ['name', 'namespace', 'generateName', 'resourceVersion', 'uid'] as const) {
    const value = object.metadata[field];
    if (value !== undefined && typeof value !== 'string') throw badRequest(`metadata.${field} must be a string, got ${JSON.stringify(value)}`);
  }
  alignNamespace(target, object);
  if (target.name !== undefined && object.metadata.name !== target.name) {
    throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${target.name})`);
  }
  return object;
}

function alignNamespace(target: WriteTarget, object: KubeObject): void {
  if (!target.info.namespaced) {
    delete object.metadata.namespace;
    return;
  }
  const sent = object.metadata.namespace;
  if (sent && target.namespace && sent !== target.namespace) {
    throw badRequest(
      `the namespace of the provided object (${sent}) does not match the namespace sent on the request (${target.namespace})`,
    );
  }
  object.metadata.namespace = target.namespace ?? sent;
}

function prepare(ctx: ServerContext, target: WriteTarget, object: KubeObject, old: KubeObject | undefined): KubeObject {
  const { info } = target;
  // Decoding comes first, as in Kubernetes: unknown fields are dropped before defaulting and validation.
  const unknownFields = info.builtIn
    ? pruneUnknownBuiltInFields(object, modelOfBuiltInKind(info.group, info.kind))
    : pruneUnknownMetadataFields(object);
  if (target.subresource !== 'status') applyBuiltInDefaults(info, object, { allocator: ctx.allocator, old });
  const causes = nameCauses(info, object.metadata.name);
  if (causes.length > 0) throw invalid(info.kind, info.group, object.metadata.name, causes);
  if (info.group === 'apiextensions.k8s.io' && info.resource === 'customresourcedefinitions') {
    validateCrdShape(object);
    compileValidatorsOrInvalid(object);
  }
  if (!info.validator) {
    checkUnknownFields(target, unknownFields);
    return object;
  }
  const result = info.validator.validate(object, old);
  checkUnknownFields(target, [...unknownFields, ...result.unknownFields]);
  if (result.causes.length > 0) throw invalid(info.kind, info.group, object.metadata.name, result.causes);
  return result.object;
}

function checkUnknownFields(target: WriteTarget, unknownFields: string[]): void {
  const { decoding, info } = target;
  if (!decoding) return;
  const subject = { kind: info.kind, version: info.version, isPatch: decoding.isPatch };
  decoding.warnings.push(...unknownFieldWarnings(decoding.directive, unknownFields, subject));
}

function dryRunCreated(object: KubeObject, now: Date): KubeObject {
  if (!object.metadata.name && !object.metadata.generateName) {
    throw new ApiError(422, 'Invalid', `${object.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
  }
  return {
    ...object,
    metadata: {
      ...object.metadata,
      name: object.metadata.name || `${object.metadata.generateName ?? ''}xxxxx`,
      uid: crypto.randomUUID(),
      generation: 1,
      creationTimestamp: rfc3339Seconds(now),
    },
  };
}

/** A patch cannot move an object: name and namespace come from the URL when the patch leaves them out. */
export function withIdentity(object: KubeObject, name: string, namespace: string | undefined): KubeObject {
  const metadata = { ...object.metadata, name: object.metadata?.name ?? name };
  if (namespace !== undefined) metadata.namespace ??= namespace;
  return { ...object, metadata };
}
