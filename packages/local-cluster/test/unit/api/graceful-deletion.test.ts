import assert from 'node:assert/strict';
import { ApiError } from '../../../src/store/api-error.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import type { KubeObject, WatchEvent } from '../../../src/store/object-store-contract.ts';

const PODS = { group: '', resource: 'pods' };
const NAMESPACES = { group: '', resource: 'namespaces' };
const CONFIGMAPS = { group: '', resource: 'configmaps' };
const DEPLOYMENTS = { group: 'apps', resource: 'deployments' };
const NOW = new Date('2026-01-01T00:00:00Z');

function pod(name: string, spec: Record<string, unknown> = { nodeName: 'gauntlet-local' }, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [{ name: 'c' }], ...spec } };
}

function newStore(): MemoryObjectStore {
  const store = new MemoryObjectStore({ now: () => NOW });
  store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return store;
}

describe('graceful Pod deletion in the store', () => {
  it('marks a running Pod with deletionTimestamp (now + grace) and deletionGracePeriodSeconds, and keeps it', () => {
    const store = newStore();
    store.create(PODS, pod('web', { nodeName: 'gauntlet-local', terminationGracePeriodSeconds: 20 }));
    const events: WatchEvent[] = [];
    store.watch(PODS, undefined, store.resourceVersion, (event) => events.push(event));
    const marked = store.delete(PODS, 'default', 'web');
    assert.equal(marked.metadata.deletionTimestamp, '2026-01-01T00:00:20Z');
    assert.equal(marked.metadata.deletionGracePeriodSeconds, 20);
    assert.ok(store.get(PODS, 'default', 'web'));
    assert.deepEqual(events.map((e) => e.type), ['MODIFIED']);
  });

  it('takes the grace period from the delete options, defaults it to 30 s, and lets a later deletion only shorten it', () => {
    const store = newStore();
    store.create(PODS, pod('a'));
    store.create(PODS, pod('b'));
    assert.equal(store.delete(PODS, 'default', 'a').metadata.deletionGracePeriodSeconds, 30);
    assert.equal(store.delete(PODS, 'default', 'b', { gracePeriodSeconds: 7 }).metadata.deletionGracePeriodSeconds, 7);
    assert.equal(store.delete(PODS, 'default', 'b', { gracePeriodSeconds: 60 }).metadata.deletionGracePeriodSeconds, 7);
    assert.equal(store.delete(PODS, 'default', 'b', { gracePeriodSeconds: 3 }).metadata.deletionGracePeriodSeconds, 3);
  });

  it('removes the Pod when deleted again with gracePeriodSeconds 0 (the kubelet, once the containers stopped)', () => {
    const store = newStore();
    store.create(PODS, pod('web'));
    store.delete(PODS, 'default', 'web');
    store.delete(PODS, 'default', 'web', { gracePeriodSeconds: 0 });
    assert.equal(store.get(PODS, 'default', 'web'), undefined);
  });

  it('keeps a Pod in its grace period through status and spec writes', () => {
    const store = newStore();
    store.create(PODS, pod('web'));
    const marked = store.delete(PODS, 'default', 'web');
    store.update(PODS, { ...marked, status: { phase: 'Running' } }, { subresource: 'status' });
    const relabelled = store.update(PODS, { ...marked, metadata: { ...marked.metadata, labels: { a: 'b' }, resourceVersion: undefined } });
    assert.equal(relabelled.metadata.deletionTimestamp, marked.metadata.deletionTimestamp);
    assert.equal(relabelled.metadata.deletionGracePeriodSeconds, 30);
    assert.ok(store.get(PODS, 'default', 'web'));
  });

  it('removes at once a Pod no node runs and a Pod whose containers all ended', () => {
    const store = newStore();
    store.create(PODS, pod('unscheduled', {}));
    store.create(PODS, pod('done'));
    const done = store.get(PODS, 'default', 'done');
    assert.ok(done);
    store.update(PODS, { ...done, status: { phase: 'Succeeded' } }, { subresource: 'status' });
    store.delete(PODS, 'default', 'unscheduled');
    store.delete(PODS, 'default', 'done');
    assert.deepEqual(store.list(PODS).items, []);
  });

  it('deletes the Pods of a garbage-collected owner gracefully', () => {
    const store = newStore();
    const owner = store.create(DEPLOYMENTS, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: {} });
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner.metadata.uid ?? '' };
    store.create(PODS, { ...pod('web-1'), metadata: { name: 'web-1', namespace: 'default', ownerReferences: [ref] } });
    store.delete(DEPLOYMENTS, 'default', 'web');
    assert.ok(store.get(PODS, 'default', 'web-1')?.metadata.deletionTimestamp);
  });
});

describe('namespace deletion in the store', () => {
  it('leaves the namespace Terminating until its last Pod is gone, and refuses new content meanwhile', () => {
    const store = newStore();
    store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, status: { phase: 'Active' } });
    store.create(PODS, pod('web', { nodeName: 'gauntlet-local' }, 'team'));
    store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } });
    const terminating = store.delete(NAMESPACES, undefined, 'team');
    assert.ok(terminating.metadata.deletionTimestamp);
    assert.deepEqual(terminating.status, { phase: 'Terminating' });
    assert.equal(store.get(CONFIGMAPS, 'team', 'c'), undefined);
    assert.ok(store.get(PODS, 'team', 'web')?.metadata.deletionTimestamp);
    assert.throws(
      () => store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'team' } }),
      (error: unknown) => error instanceof ApiError && error.code === 403 && /being terminated/.test(error.message),
    );
    store.delete(PODS, 'team', 'web', { gracePeriodSeconds: 0 });
    assert.equal(store.get(NAMESPACES, undefined, 'team'), undefined);
  });

  it('removes a Terminating namespace held by a finalizer once the finalizer is cleared and it is empty', () => {
    const store = newStore();
    store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'held', finalizers: ['example.com/keep'] } });
    const terminating = store.delete(NAMESPACES, undefined, 'held');
    assert.ok(store.get(NAMESPACES, undefined, 'held'));
    store.update(NAMESPACES, { ...terminating, metadata: { ...terminating.metadata, finalizers: [] } });
    assert.equal(store.get(NAMESPACES, undefined, 'held'), undefined);
  });

  it('removes an empty namespace at once', () => {
    const store = newStore();
    store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } });
    const deleted = store.delete(NAMESPACES, undefined, 'empty');
    assert.ok(deleted.metadata.deletionTimestamp);
    assert.equal(store.get(NAMESPACES, undefined, 'empty'), undefined);
  });
});

describe('metadata.generation by kind (Kubernetes 1.32)', () => {
  it('gives Deployments a generation bumped on spec changes, and Pods, Services and ConfigMaps none', () => {
    const store = newStore();
    const created = store.create(PODS, pod('web'));
    assert.equal(created.metadata.generation, undefined);
    const updated = store.update(PODS, { ...created, spec: { ...(created.spec as object), activeDeadlineSeconds: 5 } });
    assert.equal(updated.metadata.generation, undefined);
    const service = store.create({ group: '', resource: 'services' }, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: {} });
    assert.equal(service.metadata.generation, undefined);
    const deployment = store.create(DEPLOYMENTS, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { replicas: 1 } });
    assert.equal(deployment.metadata.generation, 1);
    assert.equal(store.update(DEPLOYMENTS, { ...deployment, spec: { replicas: 2 } }).metadata.generation, 2);
  });
});
