// Routes one HTTP request: discovery, OpenAPI, health and version documents, or a verb on a served
// resource. Every failure becomes a Status answer; nothing a client sends can crash the server.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../store/api-error.ts';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  group,
  groupList,
  legacyVersions,
  resourceList,
  wantsAggregatedDiscovery,
} from './discovery.ts';
import { openApiDocument, openApiIndex } from './openapi.ts';
import { handlePodLog } from './pod-log-handler.ts';
import { handleGet, handleList } from './read-handlers.ts';
import { parseRequestPath, type RequestTarget, type ResourceTarget } from './request-path.ts';
import { handleScale, hasScaleSubresource } from './scale-handler.ts';
import type { ResourceRequest, ServerContext } from './server-context.ts';
import { sendError, sendJson } from './status-response.ts';
import { handleWatch } from './watch-handler.ts';
import {
  handleCreate,
  handleDelete,
  handleDeleteCollection,
  handlePatch,
  handleUpdate,
  methodNotAllowed,
} from './write-handlers.ts';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-gauntlet',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export async function routeRequest(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  serverAddress: string,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'https://local');
    const target = parseRequestPath(url.pathname);
    if (target.type === 'resource') {
      await routeResource(ctx, req, res, target, url.searchParams);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method ?? '', url.pathname);
    routeDocument(ctx, req, res, target, serverAddress, url.pathname);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code >= 500) ctx.log(`${req.method} ${req.url}: ${String(error)}`);
    sendError(res, error);
  }
}

function routeDocument(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  serverAddress: string,
  pathname: string,
): void {
  const aggregated = wantsAggregatedDiscovery(req.headers.accept);
  const document = documentFor(ctx, target, serverAddress, aggregated);
  if (document === undefined) {
    throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${pathname})`);
  }
  if (typeof document === 'string') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(document);
    return;
  }
  const aggregatedAnswer = aggregated && (target.type === 'legacy-versions' || target.type === 'group-list');
  sendJson(res, 200, document, aggregatedAnswer ? AGGREGATED_DISCOVERY_CONTENT_TYPE : 'application/json');
}

function documentFor(
  ctx: ServerContext,
  target: RequestTarget,
  serverAddress: string,
  aggregated: boolean,
): object | string | undefined {
  switch (target.type) {
    case 'health':
      return 'ok';
    case 'version':
      return SERVER_VERSION;
    case 'legacy-versions':
      return aggregated ? aggregatedDiscovery(ctx.registry, true) : legacyVersions(serverAddress);
    case 'group-list':
      return aggregated ? aggregatedDiscovery(ctx.registry, false) : groupList(ctx.registry);
    case 'group':
      return group(ctx.registry, target.group);
    case 'group-version':
      return ctx.registry.hasGroupVersion(target.group, target.version)
        ? resourceList(ctx.registry, target.group, target.version)
        : undefined;
    case 'openapi-v3-index':
      return openApiIndex(ctx.registry);
    case 'openapi-v3-document':
      return openApiDocument(ctx.registry, target.group, target.version);
    default:
      return undefined;
  }
}

async function routeResource(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: ResourceTarget,
  query: URLSearchParams,
): Promise<void> {
  const info = ctx.registry.find(target.group, target.version, target.resource);
  if (!info) {
    throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${target.resource}${target.group ? `.${target.group}` : ''} ${target.version})`);
  }
  const plain: ResourceRequest = { req, res, query, info, namespace: target.namespace, name: target.name, subresource: undefined };
  const podLog = target.subresource === 'log' && info.group === '' && info.resource === 'pods';
  if (podLog && req.method === 'GET' && target.name !== undefined) {
    await handlePodLog(ctx, plain, target.name, ctx.stateDir);
    return;
  }
  if (target.subresource === 'scale' && hasScaleSubresource(info) && target.name !== undefined) {
    await handleScale(ctx, plain, target.name, req.method ?? 'GET');
    return;
  }
  if (target.subresource !== undefined && (target.subresource !== 'status' || !info.hasStatus)) {
    throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${info.resource}/${target.subresource})`);
  }
  if (!info.namespaced && target.namespace !== undefined) {
    throw new ApiError(404, 'NotFound', `${info.resource} are cluster-scoped: drop the namespace from the path`);
  }
  const request: ResourceRequest = {
    req,
    res,
    query,
    info,
    namespace: target.namespace,
    name: target.name,
    subresource: target.subresource === 'status' ? 'status' : undefined,
  };
  await dispatchVerb(ctx, request, req.method ?? 'GET');
}

async function dispatchVerb(ctx: ServerContext, request: ResourceRequest, method: string): Promise<void> {
  const { name } = request;
  const watch = ['1', 'true'].includes(request.query.get('watch') ?? '');
  switch (method) {
    case 'GET':
      if (watch) return handleWatch(ctx, request);
      if (name === undefined) return handleList(ctx, request);
      return handleGet(ctx, request, name);
    case 'POST':
      return handleCreate(ctx, request);
    case 'PUT':
      if (name === undefined) throw methodNotAllowed('PUT', `the ${request.info.resource} collection`);
      return handleUpdate(ctx, request);
    case 'PATCH':
      if (name === undefined) throw methodNotAllowed('PATCH', `the ${request.info.resource} collection`);
      return handlePatch(ctx, request, name);
    case 'DELETE':
      if (name === undefined) return handleDeleteCollection(ctx, request);
      return handleDelete(ctx, request, name);
    default:
      throw methodNotAllowed(method, request.info.resource);
  }
}

