import assert from 'node:assert/strict';
import type { CustomObjectsApi } from '@kubernetes/client-node';
import { OwnStatusWrites } from '../../../reference-impl/controller/status/own-status-writes.ts';
import { StatusWriter } from '../../../reference-impl/controller/status/status-writer.ts';

const route = (resourceVersion: string) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { namespace: 'infra', name: 'route', resourceVersion } });

describe('own status writes', () => {
  it("tells the watch event of the controller's own status write apart, once, and nothing else", () => {
    const own = new OwnStatusWrites();
    own.record('HTTPRoute', 'infra', 'route', { before: '41', after: '42' });
    assert.equal(own.isEcho(route('41')), false, 'an older version is someone else');
    assert.equal(own.isEcho({ ...route('42'), kind: 'GRPCRoute' }), false, 'another kind of the same name');
    assert.equal(own.isEcho(route('42')), true);
    assert.equal(own.isEcho(route('42')), false, 'an echo is consumed');
    assert.equal(own.isEcho(route('43')), false, 'a later change triggers a pass');
  });

  it('knows the echoes of several writes in a row, whichever comes first', () => {
    const own = new OwnStatusWrites();
    own.record('HTTPRoute', 'infra', 'route', { before: '41', after: '42' });
    own.record('HTTPRoute', 'infra', 'route', { before: '42', after: '43' });
    assert.equal(own.isEcho(route('43')), true);
    assert.equal(own.isEcho(route('42')), true, 'the first write\'s echo, arriving late');
    assert.equal(own.isEcho(route('42')), false);
  });

  it('learns the resourceVersion each status write produced from the API answer', async () => {
    const own = new OwnStatusWrites();
    const api = { patchNamespacedCustomObjectStatus: () => Promise.resolve(route('77')) } as unknown as CustomObjectsApi;
    const update = { kind: 'HTTPRoute' as const, namespace: 'infra', name: 'route', status: { parents: [] } };
    assert.equal(await new StatusWriter(api, own).write(update, { status: { parents: [{}] }, resourceVersion: '76' }), 'written');
    assert.equal(own.isEcho(route('77')), true);
  });

  it('hands a pass that saw the object before its own latest writes what those writes left, and nothing otherwise', () => {
    const own = new OwnStatusWrites();
    own.record('HTTPRoute', 'infra', 'route', { before: '41', after: '42', status: { parents: ['first'] } });
    assert.deepEqual(own.newerThan('HTTPRoute', 'infra', 'route', '41'), { status: { parents: ['first'] }, resourceVersion: '42' });
    assert.equal(own.newerThan('HTTPRoute', 'infra', 'route', '42'), undefined, 'a pass that saw the write compares with the object');
    assert.equal(own.newerThan('HTTPRoute', 'infra', 'route', '40'), undefined, 'an unknown version is not assumed to be behind');
    assert.equal(own.newerThan('GRPCRoute', 'infra', 'route', '41'), undefined);
    // A second write made against the first's result: a pass still at 41 (or 42) is behind both.
    own.record('HTTPRoute', 'infra', 'route', { before: '42', after: '43', status: { parents: ['second'] } });
    assert.deepEqual(own.newerThan('HTTPRoute', 'infra', 'route', '41'), { status: { parents: ['second'] }, resourceVersion: '43' });
    assert.deepEqual(own.newerThan('HTTPRoute', 'infra', 'route', '42'), { status: { parents: ['second'] }, resourceVersion: '43' });
    // A write made against a version someone else produced starts over: 41 and 42 are no longer known to be older.
    own.record('HTTPRoute', 'infra', 'route', { before: '50', after: '51', status: { parents: ['third'] } });
    assert.equal(own.newerThan('HTTPRoute', 'infra', 'route', '42'), undefined);
    assert.deepEqual(own.newerThan('HTTPRoute', 'infra', 'route', '50'), { status: { parents: ['third'] }, resourceVersion: '51' });
  });

  it('makes a pass behind its own write compare with what the write left: no second write, and the next patch is made against the new version', async () => {
    const own = new OwnStatusWrites();
    const requests: { body: { metadata?: { resourceVersion?: string } } }[] = [];
    let version = 76;
    const api = {
      patchNamespacedCustomObjectStatus: (request: { body: { metadata?: { resourceVersion?: string } } }) => {
        requests.push(request);
        version += 1;
        return Promise.resolve(route(String(version)));
      },
    } as unknown as CustomObjectsApi;
    const writer = new StatusWriter(api, own);
    const first = { kind: 'HTTPRoute' as const, namespace: 'infra', name: 'route', status: { parents: [{ controllerName: 'c', conditions: [] }] } };
    const seen = { status: { parents: [] }, resourceVersion: '76' };
    assert.equal(await writer.write(first, seen), 'written');
    assert.equal(await writer.write(first, seen), 'unchanged', 'the same status again, from a pass that saw version 76');
    const restamped = { ...first, status: { parents: [{ controllerName: 'c', conditions: [], lastTransitionTime: 'a second later' }] } };
    assert.equal(await writer.write(restamped, seen), 'unchanged', 'the same transitions stamped by a later pass that had not seen the write');
    const second = { ...first, status: { parents: [{ controllerName: 'c', conditions: [{ type: 'Accepted' }] }] } };
    assert.equal(await writer.write(second, seen), 'written');
    assert.deepEqual(
      requests.map((request) => request.body.metadata?.resourceVersion),
      ['76', '77'],
      'the second patch is preconditioned on the version the first produced, not the stale one the pass saw',
    );
  });
});
