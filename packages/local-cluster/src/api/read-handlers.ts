// GET of one object and of a collection (paged by limit/continue, see list/list-page.ts), as JSON or (for
// kubectl get) as a meta.k8s.io Table.

import { notFound } from '../store/api-error.ts';
import type { KubeObject } from '../store/object-store-contract.ts';
import { type ListPage, listPage } from './list/list-page.ts';
import { filterOfQuery } from './list-filter.ts';
import { asServed } from './object-writer.ts';
import { apiVersionOf, type ResourceInfo, storeKeyOf } from './resource-info.ts';
import type { ResourceRequest, ServerContext } from './server-context.ts';
import { sendJson } from './status-response.ts';
import { toTable } from './table/to-table.ts';
import { wantsTable } from './table-negotiation.ts';

export function handleGet(ctx: ServerContext, request: ResourceRequest, name: string): void {
  const { info } = request;
  const stored = ctx.store.get(storeKeyOf(info), request.namespace, name);
  if (!stored) throw notFound(info.group, info.resource, name);
  const object = asServed(info, stored);
  if (wantsTable(request.req)) {
    sendJson(request.res, 200, toTable([object], info.printerColumns, ctx.now(), object.metadata.resourceVersion ?? ''));
    return;
  }
  sendJson(request.res, 200, object);
}

export function handleList(ctx: ServerContext, request: ResourceRequest): void {
  const { info } = request;
  const page = listPage(ctx, info, request.namespace, request.query);
  const metadata = listMetadata(page);
  if (wantsTable(request.req)) {
    sendJson(request.res, 200, { ...toTable(page.items, info.printerColumns, ctx.now(), page.resourceVersion), metadata });
    return;
  }
  sendJson(request.res, 200, { apiVersion: apiVersionOf(info), kind: info.listKind, metadata, items: page.items });
}

function listMetadata(page: ListPage): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continue !== undefined) metadata.continue = page.continue;
  if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  return metadata;
}

/** Every object matching the query's selectors, unpaged (deletecollection). */
export function listMatching(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string | undefined,
  query: URLSearchParams,
): { items: KubeObject[]; resourceVersion: string } {
  const filter = filterOfQuery(query);
  const result = ctx.store.list(storeKeyOf(info), namespace);
  return { items: result.items.filter(filter).map((o) => asServed(info, o)), resourceVersion: result.resourceVersion };
}
