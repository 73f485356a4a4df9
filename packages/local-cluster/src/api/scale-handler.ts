// The scale subresource of Deployments and ReplicaSets (`kubectl scale` PATCHes it): an
// autoscaling/v1 Scale view of spec.replicas, written back to the owning object.

import { ApiError, notFound } from '../store/api-error.ts';
import type { KubeObject } from '../store/object-store-contract.ts';
import { updateManagerOf } from './field-manager/field-manager-name.ts';
import { updateObject } from './object-writer.ts';
import { applyPatch, patchTypeOfContentType } from './patch/apply-patch.ts';
import { parseObjectBody, readBody } from './request-body.ts';
import { type ResourceInfo, storeKeyOf } from './resource-info.ts';
import type { ResourceRequest, ServerContext } from './server-context.ts';
import { sendJson } from './status-response.ts';

type Json = Record<string, unknown>;

export function hasScaleSubresource(info: ResourceInfo): boolean {
  return info.builtIn && info.group === 'apps' && (info.resource === 'deployments' || info.resource === 'replicasets');
}

export const SCALE_KIND = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

export async function handleScale(ctx: ServerContext, request: ResourceRequest, name: string, method: string): Promise<void> {
  const { info } = request;
  const current = ctx.store.get(storeKeyOf(info), request.namespace, name);
  if (!current) throw notFound(info.group, info.resource, name);
  if (method === 'GET') {
    sendJson(request.res, 200, scaleOf(current));
    return;
  }
  const text = await readBody(request.req);
  let scale: unknown;
  if (method === 'PUT') scale = parseObjectBody(text);
  else if (method === 'PATCH') {
    const type = patchTypeOfContentType(request.req.headers['content-type']);
    if (!type) throw new ApiError(415, 'UnsupportedMediaType', `unsupported patch content type ${request.req.headers['content-type'] ?? 'none'} for ${info.resource}/scale`);
    scale = applyPatch(type, scaleOf(current), text, { ...SCALE_KIND, builtIn: true });
  } else throw new ApiError(405, 'MethodNotAllowed', `${method} is not supported on ${info.resource}/scale: use GET, PUT or PATCH`);
  const replicas = ((scale as Json | undefined)?.spec as Json | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new ApiError(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be a non-negative integer`);
  }
  const sentVersion = ((scale as Json).metadata as Json | undefined)?.resourceVersion;
  const next: KubeObject = { ...current, spec: { ...(current.spec as Json), replicas } };
  next.metadata = { ...current.metadata, resourceVersion: typeof sentVersion === 'string' ? sentVersion : current.metadata.resourceVersion };
  const manager = updateManagerOf(request.req, request.query, method === 'PUT' ? 'UpdateOptions' : 'PatchOptions');
  const target = {
    info,
    namespace: request.namespace,
    name,
    subresource: undefined,
    dryRun: request.query.getAll('dryRun').includes('All'),
    // As the real server: replicas written through /scale belong to a manager of the scale subresource.
    fieldManager: { manager, subresource: 'scale' as const },
  };
  sendJson(request.res, 200, scaleOf(updateObject(ctx, target, next)));
}

function scaleOf(object: KubeObject): KubeObject {
  const spec = (object.spec ?? {}) as Json;
  const status = (object.status ?? {}) as Json;
  const matchLabels = ((spec.selector as Json | undefined)?.matchLabels ?? {}) as Record<string, string>;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: object.metadata.name,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
      ...(object.metadata.uid ? { uid: object.metadata.uid } : {}),
      ...(object.metadata.resourceVersion ? { resourceVersion: object.metadata.resourceVersion } : {}),
      ...(object.metadata.creationTimestamp ? { creationTimestamp: object.metadata.creationTimestamp } : {}),
    },
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 0 },
    status: {
      replicas: typeof status.replicas === 'number' ? status.replicas : 0,
      selector: Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(','),
    },
  };
}
