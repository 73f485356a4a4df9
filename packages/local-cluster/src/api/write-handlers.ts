// POST (create), PUT (update), PATCH (JSON, merge and strategic merge patches through applyPatch, server-side
// apply through field-manager/), each honouring `fieldValidation` (Warning headers under Warn) and recording
// its manager in managedFields; DELETE of one object and of a collection, with gracePeriodSeconds for Pods.

import { ApiError, badRequest, conflict, notFound } from '../store/api-error.ts';
import type { DeleteOptions, KubeObject } from '../store/object-store-contract.ts';
import { admitWrite } from './admission/validating-admission.ts';
import { refuseForce, updateManagerOf } from './field-manager/field-manager-name.ts';
import { fieldValidationOf, warningHeaderValues } from './field-validation.ts';
import { asServed, createObject, type DecodingOptions, updateObject, type WriteTarget, withIdentity } from './object-writer.ts';
import { applyPatch, patchTypeOfContentType } from './patch/apply-patch.ts';
import { listMatching } from './read-handlers.ts';
import { parseObjectBody, readBody } from './request-body.ts';
import { apiVersionOf, storeKeyOf } from './resource-info.ts';
import type { ResourceRequest, ServerContext } from './server-context.ts';
import { serverSideApplied } from './server-side-apply-handler.ts';
import { sendJson } from './status-response.ts';

function writeTarget(request: ResourceRequest, dryRun: boolean, decoding?: DecodingOptions): WriteTarget {
  const target: WriteTarget = {
    info: request.info,
    namespace: request.namespace,
    name: request.name,
    subresource: request.subresource,
    dryRun,
  };
  if (decoding) target.decoding = decoding;
  return target;
}

function decodingOf(request: ResourceRequest, isPatch: boolean): DecodingOptions {
  return { directive: fieldValidationOf(request.query), isPatch, warnings: [] };
}

/** The object written, with a `Warning` header per unknown field the Warn directive dropped. */
function sendWritten(request: ResourceRequest, code: number, object: KubeObject, decoding: DecodingOptions): void {
  if (decoding.warnings.length > 0) request.res.setHeader('Warning', warningHeaderValues(decoding.warnings));
  sendJson(request.res, code, object);
}

function isDryRun(query: URLSearchParams, options?: Record<string, unknown>): boolean {
  const fromBody = Array.isArray(options?.dryRun) && options.dryRun.includes('All');
  return query.getAll('dryRun').includes('All') || fromBody;
}

export async function handleCreate(ctx: ServerContext, request: ResourceRequest): Promise<void> {
  if (request.name !== undefined) {
    throw new ApiError(405, 'MethodNotAllowed', `POST is not allowed on a named ${request.info.kind}: POST to the collection, or PUT/PATCH the object`);
  }
  const decoding = decodingOf(request, false);
  const body = parseObjectBody(await readBody(request.req));
  const target = { ...writeTarget(request, isDryRun(request.query), decoding), fieldManager: { manager: updateManagerOf(request.req, request.query, 'CreateOptions') } };
  sendWritten(request, 201, createObject(ctx, target, body), decoding);
}

export async function handleUpdate(ctx: ServerContext, request: ResourceRequest): Promise<void> {
  const decoding = decodingOf(request, false);
  const body = parseObjectBody(await readBody(request.req));
  const target = { ...writeTarget(request, isDryRun(request.query), decoding), fieldManager: { manager: updateManagerOf(request.req, request.query, 'UpdateOptions') } };
  sendWritten(request, 200, updateObject(ctx, target, body), decoding);
}

export async function handlePatch(ctx: ServerContext, request: ResourceRequest, name: string): Promise<void> {
  const { info } = request;
  const contentType = request.req.headers['content-type'];
  const type = patchTypeOfContentType(contentType);
  const text = await readBody(request.req);
  if (!type) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${info.builtIn ? ', application/strategic-merge-patch+json' : ''} (got ${contentType ?? 'none'})`,
    );
  }
  const current = ctx.store.get(storeKeyOf(info), request.namespace, name);
  if (!current && (type !== 'apply' || request.subresource === 'status')) throw notFound(info.group, info.resource, name);
  // Server-side apply creating the object decodes a whole object, as a create does.
  const decoding = decodingOf(request, current !== undefined);
  const target = writeTarget(request, isDryRun(request.query), decoding);
  if (type === 'apply') {
    const applied = serverSideApplied(ctx, request, target, current ? asServed(info, current) : undefined, text);
    if (!current) sendWritten(request, 201, createObject(ctx, { ...target, name: undefined }, withIdentity(applied, name, request.namespace)), decoding);
    else sendWritten(request, 200, updateObject(ctx, target, withIdentity(applied, name, request.namespace)), decoding);
    return;
  }
  refuseForce(request.query);
  if (!current) throw notFound(info.group, info.resource, name);
  const patched = applyPatch(type, asServed(info, current), text, { group: info.group, version: info.version, kind: info.kind, builtIn: info.builtIn });
  const tracked = { ...target, fieldManager: { manager: updateManagerOf(request.req, request.query, 'PatchOptions') } };
  sendWritten(request, 200, updateObject(ctx, tracked, withIdentity(patched, name, request.namespace)), decoding);
}


export async function handleDelete(ctx: ServerContext, request: ResourceRequest, name: string): Promise<void> {
  const { info } = request;
  if (request.subresource) throw new ApiError(405, 'MethodNotAllowed', `DELETE is not allowed on ${info.resource}/${request.subresource}: delete the object itself`);
  const options = parseObjectBody(await readBody(request.req)) ?? {};
  const key = storeKeyOf(info);
  const current = ctx.store.get(key, request.namespace, name);
  if (!current) throw notFound(info.group, info.resource, name);
  checkDeletePreconditions(request, current, options.preconditions);
  const warnings = admitDelete(ctx, request, current, isDryRun(request.query, options));
  if (warnings.length > 0) request.res.setHeader('Warning', warningHeaderValues(warnings));
  if (isDryRun(request.query, options)) {
    sendJson(request.res, 200, asServed(info, current));
    return;
  }
  if (options.propagationPolicy === 'Orphan' || options.orphanDependents === true) orphanDependents(ctx, current);
  const deleted = ctx.store.delete(key, request.namespace, name, deleteOptionsOf(request.query, options));
  // As the real server: 200 also while a Pod's grace period or finalizers keep the object; 202 only for
  // a deletion that is not done yet and explicitly asked to cascade (orphanDependents false).
  const pending = ctx.store.get(key, request.namespace, name) !== undefined;
  sendJson(request.res, pending && options.orphanDependents === false ? 202 : 200, asServed(info, deleted));
}

/** gracePeriodSeconds from the body (kubectl) or the query (client libraries); a negative one means "the default". */
function deleteOptionsOf(query: URLSearchParams, options: Record<string, unknown>): DeleteOptions {
  const fromQuery = query.get('gracePeriodSeconds');
  const value = typeof options.gracePeriodSeconds === 'number' ? options.gracePeriodSeconds : fromQuery === null ? undefined : Number(fromQuery);
  if (value === undefined) return {};
  if (!Number.isInteger(value)) throw badRequest(`gracePeriodSeconds must be an integer number of seconds, got ${JSON.stringify(value)}`);
  return value < 0 ? {} : { gracePeriodSeconds: value };
}

/** propagationPolicy Orphan: dependents lose their owner reference and so survive the owner. */
function orphanDependents(ctx: ServerContext, owner: KubeObject): void {
  const uid = owner.metadata.uid;
  const seen = new Set<string>();
  for (const g of [{ group: '', versions: ['v1'] }, ...ctx.registry.groups()]) {
    for (const version of g.versions) {
      for (const info of ctx.registry.resourcesOf(g.group, version)) {
        const id = `${info.group}/${info.resource}`;
        if (seen.has(id)) continue;
        seen.add(id);
        for (const object of ctx.store.list(storeKeyOf(info)).items) {
          const refs = object.metadata.ownerReferences ?? [];
          if (!refs.some((r) => r.uid === uid)) continue;
          object.metadata.ownerReferences = refs.filter((r) => r.uid !== uid);
          ctx.store.update(storeKeyOf(info), object);
        }
      }
    }
  }
}

function checkDeletePreconditions(request: ResourceRequest, current: KubeObject, preconditions: unknown): void {
  if (typeof preconditions !== 'object' || preconditions === null) return;
  const { uid, resourceVersion } = preconditions as { uid?: unknown; resourceVersion?: unknown };
  const { group, resource } = request.info;
  if (typeof uid === 'string' && uid !== current.metadata.uid) {
    throw conflict(group, resource, current.metadata.name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid ?? ''}`);
  }
  if (typeof resourceVersion === 'string' && resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(group, resource, current.metadata.name, `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`);
  }
}

export async function handleDeleteCollection(ctx: ServerContext, request: ResourceRequest): Promise<void> {
  const { info } = request;
  const options = parseObjectBody(await readBody(request.req)) ?? {};
  const { items, resourceVersion } = listMatching(ctx, info, request.namespace, request.query);
  const deleteOptions = deleteOptionsOf(request.query, options);
  const warnings = items.flatMap((item) => admitDelete(ctx, request, item, isDryRun(request.query, options)));
  if (warnings.length > 0) request.res.setHeader('Warning', warningHeaderValues(warnings));
  if (!isDryRun(request.query, options)) {
    for (const item of items) {
      // Another deletion (a cascade) may have removed it meanwhile: that is fine.
      if (ctx.store.get(storeKeyOf(info), item.metadata.namespace, item.metadata.name)) {
        ctx.store.delete(storeKeyOf(info), item.metadata.namespace, item.metadata.name, deleteOptions);
      }
    }
  }
  sendJson(request.res, 200, { apiVersion: apiVersionOf(info), kind: info.listKind, metadata: { resourceVersion }, items });
}

/** Validating admission of a deletion: the object goes as oldObject; returns the warnings. */
function admitDelete(ctx: ServerContext, request: ResourceRequest, current: KubeObject, dryRun: boolean): string[] {
  const { metadata } = current;
  const oldObject = asServed(request.info, current);
  return admitWrite(ctx, { operation: 'DELETE', info: request.info, subresource: undefined, name: metadata.name, namespace: metadata.namespace, object: undefined, oldObject, dryRun });
}

export function methodNotAllowed(method: string, what: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', `${method} is not supported on ${what}`);
}

