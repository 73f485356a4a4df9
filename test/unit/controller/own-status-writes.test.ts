import assert from 'node:assert/strict';
import type { CustomObjectsApi } from '@kubernetes/client-node';
import { OwnStatusWrites } from '../../../reference-impl/controller/status/own-status-writes.ts';
import { StatusWriter } from '../../../reference-impl/controller/status/status-writer.ts';

const route = (resourceVersion: string) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { namespace: 'infra', name: 'route', resourceVersion } });

describe('own status writes', () => {
  it("tells the watch event of the controller's own status write apart, once, and nothing else", () => {
    const own = new OwnStatusWrites();
    own.record('HTTPRoute', 'infra', 'route', '42');
    assert.equal(own.isEcho(route('41')), false, 'an older version is someone else');
    assert.equal(own.isEcho({ ...route('42'), kind: 'GRPCRoute' }), false, 'another kind of the same name');
    assert.equal(own.isEcho(route('42')), true);
    assert.equal(own.isEcho(route('42')), false, 'an echo is consumed');
    assert.equal(own.isEcho(route('43')), false, 'a later change triggers a pass');
  });

  it('learns the resourceVersion each status write produced from the API answer', async () => {
    const own = new OwnStatusWrites();
    const api = { patchNamespacedCustomObjectStatus: () => Promise.resolve(route('77')) } as unknown as CustomObjectsApi;
    const update = { kind: 'HTTPRoute' as const, namespace: 'infra', name: 'route', status: { parents: [] } };
    assert.equal(await new StatusWriter(api, own).write(update, { status: { parents: [{}] }, resourceVersion: '76' }), 'written');
    assert.equal(own.isEcho(route('77')), true);
  });
});
