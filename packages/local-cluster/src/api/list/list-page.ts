// One page of a list, as `limit` and `continue` ask for it (kubectl get --chunk-size, client-go's pager):
// items in key order (namespace/name), at most `limit` of them; when more remain, a continue token bound to
// the first page's resourceVersion, and remainingItemCount when no selector makes the count unknowable.
// Every page is read from the snapshot of the first (the store's history undoes later changes); once that
// history is compacted the next page is a 410 offering a token that resumes at the current state.

import { ApiError, badRequest } from '../../store/api-error.ts';
import type { KubeObject } from '../../store/object-store-contract.ts';
import { filterOfQuery } from '../list-filter.ts';
import { asServed } from '../object-writer.ts';
import { type ResourceInfo, storeKeyOf } from '../resource-info.ts';
import type { ServerContext } from '../server-context.ts';
import { decodeContinueToken, encodeContinueToken } from './continue-token.ts';
import { ExpiredContinueError } from './expired-continue-error.ts';

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export function listPage(ctx: ServerContext, info: ResourceInfo, namespace: string | undefined, query: URLSearchParams): ListPage {
  const limit = limitOf(query);
  const continueText = query.get('continue') ?? '';
  const token = continueText === '' ? undefined : decodeContinueToken(continueText);
  if (token && (query.get('resourceVersion') ?? '') !== '') {
    throw badRequest('specifying resource version is not allowed when using continue');
  }
  const snapshot = snapshotOf(ctx, info, namespace, query, token?.resourceVersion, token?.startAfter ?? '');
  const after = token === undefined ? snapshot.items : snapshot.items.filter((item) => keyOf(item) > token.startAfter);
  const hasSelector = (query.get('labelSelector') ?? '') !== '' || (query.get('fieldSelector') ?? '') !== '';
  const matching = after.filter(filterOfQuery(query));
  const page: ListPage = { items: matching.slice(0, limit).map((item) => asServed(info, item)), resourceVersion: snapshot.resourceVersion };
  const last = page.items.at(-1);
  if (limit < matching.length && last !== undefined) {
    page.continue = encodeContinueToken({ resourceVersion: Number(snapshot.resourceVersion), startAfter: keyOf(last) });
    if (!hasSelector) page.remainingItemCount = matching.length - limit;
  }
  return page;
}

/** The state to page through: the token's snapshot, the exact version asked for, else the current one. */
function snapshotOf(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string | undefined,
  query: URLSearchParams,
  tokenVersion: number | undefined,
  startAfter: string,
): { items: KubeObject[]; resourceVersion: string } {
  const key = storeKeyOf(info);
  if (tokenVersion === undefined || tokenVersion === -1) {
    const match = query.get('resourceVersionMatch') ?? '';
    const version = query.get('resourceVersion') ?? '';
    if (match === 'Exact' && version !== '' && tokenVersion === undefined) return ctx.store.list(key, namespace, version);
    if (match !== '' && match !== 'Exact' && match !== 'NotOlderThan') {
      throw badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
    }
    return ctx.store.list(key, namespace);
  }
  try {
    return ctx.store.list(key, namespace, String(tokenVersion));
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 410) throw error;
    throw new ExpiredContinueError(encodeContinueToken({ resourceVersion: -1, startAfter }));
  }
}

function limitOf(query: URLSearchParams): number {
  const text = query.get('limit') ?? '';
  if (text === '') return Number.POSITIVE_INFINITY;
  const limit = Number(text);
  if (!Number.isInteger(limit)) throw badRequest(`limit must be an integer, got ${JSON.stringify(text)}`);
  // As the real server: zero or a negative limit means no limit.
  return limit > 0 ? limit : Number.POSITIVE_INFINITY;
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
