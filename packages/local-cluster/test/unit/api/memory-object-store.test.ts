import assert from 'node:assert/strict';
import { ApiError } from '../../../src/store/api-error.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import type { KubeObject, WatchEvent } from '../../../src/store/object-store-contract.ts';

const DEPLOYMENTS = { group: 'apps', resource: 'deployments' };
const CONFIGMAPS = { group: '', resource: 'configmaps' };
const NAMESPACES = { group: '', resource: 'namespaces' };

function deployment(name: string, replicas = 1, namespace = 'default'): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec: { replicas } };
}

function configMap(name: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ...extra }, data: {} };
}

function apiErrorWith(code: number, reason: string) {
  return (error: unknown) => error instanceof ApiError && error.code === code && error.reason === reason;
}

describe('MemoryObjectStore', () => {
  describe('create', () => {
    it('assigns uid, resourceVersion, generation 1 and a second-precision creationTimestamp', () => {
      const store = new MemoryObjectStore({ now: () => new Date('2026-01-02T03:04:05.678Z') });
      const created = store.create(DEPLOYMENTS, deployment('web'));
      assert.match(created.metadata.uid ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(created.metadata.resourceVersion, '1');
      assert.equal(created.metadata.generation, 1);
      assert.equal(created.metadata.creationTimestamp, '2026-01-02T03:04:05Z');
    });

    it('hands out one global increasing resourceVersion across resources', () => {
      const store = new MemoryObjectStore();
      const a = store.create(DEPLOYMENTS, deployment('a'));
      const b = store.create(CONFIGMAPS, configMap('b'));
      assert.ok(Number(b.metadata.resourceVersion) > Number(a.metadata.resourceVersion));
      assert.equal(store.list(DEPLOYMENTS).resourceVersion, b.metadata.resourceVersion);
    });

    it('honours generateName and refuses an object without any name', () => {
      const store = new MemoryObjectStore();
      const made = store.create(CONFIGMAPS, configMap('', { generateName: 'cfg-' }));
      assert.match(made.metadata.name, /^cfg-[a-z0-9]{5}$/);
      assert.throws(() => store.create(CONFIGMAPS, configMap('')), apiErrorWith(422, 'Invalid'));
    });

    it('answers AlreadyExists for a duplicate name in the same namespace only', () => {
      const store = new MemoryObjectStore();
      store.create(DEPLOYMENTS, deployment('web'));
      store.create(DEPLOYMENTS, deployment('web', 1, 'other'));
      assert.throws(
        () => store.create(DEPLOYMENTS, deployment('web')),
        (e: unknown) => apiErrorWith(409, 'AlreadyExists')(e) && /deployments\.apps "web" already exists/.test(String(e)),
      );
    });
  });

  describe('get and list', () => {
    it('returns deep copies the caller cannot use to change the store', () => {
      const store = new MemoryObjectStore();
      const input = deployment('web');
      store.create(DEPLOYMENTS, input);
      (input.spec as { replicas: number }).replicas = 9;
      const got = store.get(DEPLOYMENTS, 'default', 'web');
      assert.ok(got);
      (got.spec as { replicas: number }).replicas = 7;
      const listed = store.list(DEPLOYMENTS).items[0];
      assert.ok(listed);
      listed.metadata.name = 'changed';
      assert.deepEqual(store.get(DEPLOYMENTS, 'default', 'web')?.spec, { replicas: 1 });
    });

    it('lists by namespace, sorted by namespace then name', () => {
      const store = new MemoryObjectStore();
      store.create(DEPLOYMENTS, deployment('b'));
      store.create(DEPLOYMENTS, deployment('a', 1, 'zz'));
      store.create(DEPLOYMENTS, deployment('a'));
      assert.deepEqual(
        store.list(DEPLOYMENTS).items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
        ['default/a', 'default/b', 'zz/a'],
      );
      assert.deepEqual(
        store.list(DEPLOYMENTS, 'zz').items.map((o) => o.metadata.name),
        ['a'],
      );
      assert.equal(store.get(DEPLOYMENTS, 'nope', 'a'), undefined);
    });
  });

  describe('update', () => {
    it('bumps generation only when something outside metadata and status changes', () => {
      const store = new MemoryObjectStore();
      const created = store.create(DEPLOYMENTS, deployment('web'));
      const relabelled = store.update(DEPLOYMENTS, { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
      assert.equal(relabelled.metadata.generation, 1);
      assert.notEqual(relabelled.metadata.resourceVersion, created.metadata.resourceVersion);
      const scaled = store.update(DEPLOYMENTS, { ...relabelled, spec: { replicas: 3 } });
      assert.equal(scaled.metadata.generation, 2);
      assert.equal(scaled.metadata.uid, created.metadata.uid);
      assert.equal(scaled.metadata.creationTimestamp, created.metadata.creationTimestamp);
    });

    it('answers Conflict for a stale resourceVersion', () => {
      const store = new MemoryObjectStore();
      const created = store.create(DEPLOYMENTS, deployment('web'));
      store.update(DEPLOYMENTS, { ...created, spec: { replicas: 2 } });
      assert.throws(
        () => store.update(DEPLOYMENTS, { ...created, spec: { replicas: 3 } }),
        (e: unknown) => apiErrorWith(409, 'Conflict')(e) && /has been modified/.test(String(e)),
      );
    });

    it('accepts an update without resourceVersion (last write wins) and answers NotFound for a missing object', () => {
      const store = new MemoryObjectStore();
      store.create(DEPLOYMENTS, deployment('web'));
      const updated = store.update(DEPLOYMENTS, deployment('web', 5));
      assert.deepEqual(updated.spec, { replicas: 5 });
      assert.throws(() => store.update(DEPLOYMENTS, deployment('ghost')), apiErrorWith(404, 'NotFound'));
    });

    it('keeps the stored status on a main update and the stored spec on a status update', () => {
      const store = new MemoryObjectStore();
      const created = store.create(DEPLOYMENTS, deployment('web'));
      const withStatus = store.update(
        DEPLOYMENTS,
        { ...created, spec: { replicas: 99 }, status: { readyReplicas: 1 } },
        { subresource: 'status' },
      );
      assert.deepEqual(withStatus.spec, { replicas: 1 });
      assert.deepEqual(withStatus.status, { readyReplicas: 1 });
      assert.equal(withStatus.metadata.generation, 1);
      const main = store.update(DEPLOYMENTS, { ...withStatus, spec: { replicas: 2 }, status: { readyReplicas: 42 } });
      assert.deepEqual(main.spec, { replicas: 2 });
      assert.deepEqual(main.status, { readyReplicas: 1 });
    });

    it('does not write (no new resourceVersion, no event) when nothing changed', () => {
      const store = new MemoryObjectStore();
      const created = store.create(DEPLOYMENTS, deployment('web'));
      const events: WatchEvent[] = [];
      const stop = store.watch(DEPLOYMENTS, undefined, created.metadata.resourceVersion, (e) => events.push(e));
      const same = store.update(DEPLOYMENTS, deployment('web'));
      stop();
      assert.equal(same.metadata.resourceVersion, created.metadata.resourceVersion);
      assert.equal(events.length, 0);
    });
  });

  describe('delete', () => {
    it('removes the object and returns it; a second delete is NotFound', () => {
      const store = new MemoryObjectStore();
      store.create(DEPLOYMENTS, deployment('web'));
      assert.equal(store.delete(DEPLOYMENTS, 'default', 'web').metadata.name, 'web');
      assert.equal(store.get(DEPLOYMENTS, 'default', 'web'), undefined);
      assert.throws(() => store.delete(DEPLOYMENTS, 'default', 'web'), apiErrorWith(404, 'NotFound'));
    });

    it('holds an object with finalizers until the last finalizer is removed', () => {
      const store = new MemoryObjectStore();
      store.create(CONFIGMAPS, configMap('held', { finalizers: ['example.com/keep'] }));
      const marked = store.delete(CONFIGMAPS, 'default', 'held');
      assert.ok(marked.metadata.deletionTimestamp);
      assert.ok(store.get(CONFIGMAPS, 'default', 'held'));
      store.update(CONFIGMAPS, { ...marked, metadata: { ...marked.metadata, finalizers: [] } });
      assert.equal(store.get(CONFIGMAPS, 'default', 'held'), undefined);
    });

    it('garbage-collects dependents whose every owner is gone, transitively', () => {
      const store = new MemoryObjectStore();
      const owner = store.create(DEPLOYMENTS, deployment('web'));
      const other = store.create(DEPLOYMENTS, deployment('other'));
      const ref = (o: KubeObject) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: o.metadata.name, uid: o.metadata.uid ?? '' });
      const child = store.create(CONFIGMAPS, configMap('child', { ownerReferences: [ref(owner)] }));
      store.create(CONFIGMAPS, configMap('grandchild', {
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'child', uid: child.metadata.uid ?? '' }],
      }));
      store.create(CONFIGMAPS, configMap('shared', { ownerReferences: [ref(owner), ref(other)] }));
      store.delete(DEPLOYMENTS, 'default', 'web');
      assert.deepEqual(store.list(CONFIGMAPS).items.map((o) => o.metadata.name), ['shared']);
      store.delete(DEPLOYMENTS, 'default', 'other');
      assert.deepEqual(store.list(CONFIGMAPS).items, []);
    });

    it('deleting a namespace deletes what is in it', () => {
      const store = new MemoryObjectStore();
      store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
      store.create(DEPLOYMENTS, deployment('web', 1, 'team'));
      store.create(DEPLOYMENTS, deployment('web'));
      store.delete(NAMESPACES, undefined, 'team');
      assert.deepEqual(store.list(DEPLOYMENTS).items.map((o) => o.metadata.namespace), ['default']);
    });
  });

  describe('watch', () => {
    it('starts with the current objects as ADDED when no resourceVersion is given, then streams changes', () => {
      const store = new MemoryObjectStore();
      store.create(DEPLOYMENTS, deployment('a'));
      const events: WatchEvent[] = [];
      const stop = store.watch(DEPLOYMENTS, undefined, undefined, (e) => events.push(e));
      store.update(DEPLOYMENTS, deployment('a', 2));
      store.create(CONFIGMAPS, configMap('ignored'));
      store.delete(DEPLOYMENTS, 'default', 'a');
      stop();
      store.create(DEPLOYMENTS, deployment('after-stop'));
      assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED a', 'MODIFIED a', 'DELETED a']);
      const deleted = events[2];
      assert.ok(deleted);
      assert.equal(deleted.object.metadata.resourceVersion, '4'); // a delete is a change with its own version
    });

    it('replays changes after a resourceVersion and filters by namespace', () => {
      const store = new MemoryObjectStore();
      const first = store.create(DEPLOYMENTS, deployment('a'));
      store.create(DEPLOYMENTS, deployment('b', 1, 'other'));
      store.create(DEPLOYMENTS, deployment('c'));
      const events: WatchEvent[] = [];
      const stop = store.watch(DEPLOYMENTS, 'default', first.metadata.resourceVersion, (e) => events.push(e));
      stop();
      assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED c']);
    });

    it('answers 410 Expired for a resourceVersion older than the kept history, 400 for a malformed one', () => {
      const store = new MemoryObjectStore({ historyLimit: 3 });
      for (let i = 0; i < 10; i++) store.create(CONFIGMAPS, configMap(`c${i}`));
      assert.throws(() => store.watch(CONFIGMAPS, undefined, '1', () => {}), apiErrorWith(410, 'Expired'));
      assert.throws(() => store.watch(CONFIGMAPS, undefined, 'abc', () => {}), apiErrorWith(400, 'BadRequest'));
      const events: WatchEvent[] = [];
      store.watch(CONFIGMAPS, undefined, '9', (e) => events.push(e))();
      assert.deepEqual(events.map((e) => e.object.metadata.name), ['c9']);
    });

    it('delivers writes made inside a callback after the current event, to every watcher in one order', () => {
      const store = new MemoryObjectStore();
      const seenByFirst: string[] = [];
      const seenBySecond: string[] = [];
      const stopFirst = store.watch(CONFIGMAPS, undefined, '0', (e) => {
        seenByFirst.push(e.object.metadata.name);
        if (e.object.metadata.name === 'a') store.create(CONFIGMAPS, configMap('b'));
      });
      const stopSecond = store.watch(CONFIGMAPS, undefined, '0', (e) => seenBySecond.push(e.object.metadata.name));
      store.create(CONFIGMAPS, configMap('a'));
      stopFirst();
      stopSecond();
      assert.deepEqual(seenByFirst, ['a', 'b']);
      assert.deepEqual(seenBySecond, ['a', 'b']);
    });

    it('keeps delivering to others when one watcher throws, and reports the error', () => {
      const errors: unknown[] = [];
      const store = new MemoryObjectStore({ onWatcherError: (e) => errors.push(e) });
      const seen: string[] = [];
      store.watch(CONFIGMAPS, undefined, undefined, () => {
        throw new Error('boom');
      });
      store.watch(CONFIGMAPS, undefined, undefined, (e) => seen.push(e.object.metadata.name));
      store.create(CONFIGMAPS, configMap('a'));
      assert.deepEqual(seen, ['a']);
      assert.equal(errors.length, 1);
    });

    it('gives each watcher its own copy of the object', () => {
      const store = new MemoryObjectStore();
      const names: string[] = [];
      store.watch(CONFIGMAPS, undefined, undefined, (e) => {
        e.object.metadata.name = 'mutated';
      });
      store.watch(CONFIGMAPS, undefined, undefined, (e) => names.push(e.object.metadata.name));
      store.create(CONFIGMAPS, configMap('a'));
      assert.deepEqual(names, ['a']);
      assert.ok(store.get(CONFIGMAPS, 'default', 'a'));
    });
  });
});
