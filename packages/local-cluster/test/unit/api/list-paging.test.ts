import assert from 'node:assert/strict';
import { decodeContinueToken, encodeContinueToken } from '../../../src/api/list/continue-token.ts';
import { ExpiredContinueError } from '../../../src/api/list/expired-continue-error.ts';
import { listPage } from '../../../src/api/list/list-page.ts';
import type { ResourceInfo } from '../../../src/api/resource-info.ts';
import type { ServerContext } from '../../../src/api/server-context.ts';
import { statusOfError } from '../../../src/api/status-response.ts';
import { ApiError } from '../../../src/store/api-error.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

const CONFIGMAPS = { group: '', resource: 'configmaps' };
const info: ResourceInfo = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  listKind: 'ConfigMapList',
  singularName: 'configmap',
  namespaced: true,
  shortNames: [],
  categories: [],
  hasStatus: false,
  builtIn: true,
  printerColumns: [],
};

function configMap(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels }, data: { v: name } };
}

function setUp(count: number): { store: MemoryObjectStore; ctx: ServerContext } {
  const store = new MemoryObjectStore();
  for (let i = 0; i < count; i++) store.create(CONFIGMAPS, configMap(`c${i}`, { odd: String(i % 2 === 1) }));
  return { store, ctx: { store } as unknown as ServerContext };
}

const names = (items: KubeObject[]) => items.map((item) => item.metadata.name);
const query = (params: Record<string, string>) => new URLSearchParams(params);

describe('paged lists (limit and continue)', () => {
  it('pages through a list from the snapshot of its first page, with remainingItemCount, however the objects change meanwhile', () => {
    const { store, ctx } = setUp(5);
    const first = listPage(ctx, info, 'default', query({ limit: '2' }));
    assert.deepEqual(names(first.items), ['c0', 'c1']);
    assert.equal(first.remainingItemCount, 3);
    store.delete(CONFIGMAPS, 'default', 'c2');
    store.update(CONFIGMAPS, { ...configMap('c3'), data: { v: 'changed' } });
    store.create(CONFIGMAPS, configMap('c5'));
    const second = listPage(ctx, info, 'default', query({ limit: '2', continue: first.continue ?? '' }));
    assert.deepEqual(names(second.items), ['c2', 'c3']);
    assert.deepEqual(second.items[1]?.data, { v: 'c3' });
    assert.equal(second.resourceVersion, first.resourceVersion);
    const last = listPage(ctx, info, 'default', query({ limit: '2', continue: second.continue ?? '' }));
    assert.deepEqual(names(last.items), ['c4']);
    assert.equal(last.continue, undefined);
  });

  it('counts no remaining items when a selector filters (the count is unknowable), and pages the matching ones', () => {
    const { ctx } = setUp(6);
    const first = listPage(ctx, info, 'default', query({ limit: '2', labelSelector: 'odd=true' }));
    assert.deepEqual(names(first.items), ['c1', 'c3']);
    assert.equal(first.remainingItemCount, undefined);
    const next = listPage(ctx, info, 'default', query({ limit: '2', labelSelector: 'odd=true', continue: first.continue ?? '' }));
    assert.deepEqual(names(next.items), ['c5']);
  });

  it('answers a token whose snapshot was compacted with 410 Expired offering a token that continues at the current state', () => {
    const { store, ctx } = setUp(4);
    const first = listPage(ctx, info, 'default', query({ limit: '2' }));
    store.create(CONFIGMAPS, configMap('c9'));
    store.compact();
    let expired: unknown;
    try {
      listPage(ctx, info, 'default', query({ limit: '2', continue: first.continue ?? '' }));
    } catch (error) {
      expired = error;
    }
    assert.ok(expired instanceof ExpiredContinueError);
    const status = statusOfError(expired);
    assert.equal(status.code, 410);
    assert.equal(status.reason, 'Expired');
    assert.match(status.message ?? '', /The provided continue parameter is too old/);
    const resumed = listPage(ctx, info, 'default', query({ limit: '5', continue: status.metadata.continue ?? '' }));
    assert.deepEqual(names(resumed.items), ['c2', 'c3', 'c9']);
    assert.equal(resumed.resourceVersion, store.resourceVersion);
  });

  it('refuses a malformed token and a token together with a resourceVersion with 400', () => {
    const { ctx } = setUp(1);
    const badRequest = (error: unknown) => error instanceof ApiError && error.code === 400;
    assert.throws(() => listPage(ctx, info, 'default', query({ continue: 'not-a-token' })), badRequest);
    const token = encodeContinueToken({ resourceVersion: 1, startAfter: 'default/c0' });
    assert.throws(() => listPage(ctx, info, 'default', query({ continue: token, resourceVersion: '1' })), /not allowed when using continue/);
    assert.deepEqual(decodeContinueToken(token), { resourceVersion: 1, startAfter: 'default/c0' });
  });

  it('lists at an exact older resourceVersion, and refuses one the history no longer reaches', () => {
    const { store, ctx } = setUp(2);
    const before = store.resourceVersion;
    store.delete(CONFIGMAPS, 'default', 'c0');
    assert.deepEqual(names(listPage(ctx, info, 'default', query({ resourceVersion: before, resourceVersionMatch: 'Exact' })).items), ['c0', 'c1']);
    assert.deepEqual(names(listPage(ctx, info, 'default', query({})).items), ['c1']);
    store.compact();
    assert.throws(() => store.list(CONFIGMAPS, 'default', before), (error: unknown) => error instanceof ApiError && error.code === 410);
  });
});
