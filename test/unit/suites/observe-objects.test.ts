import assert from 'node:assert/strict';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient, ObjectRef } from '../../../harness/kube/kube-client.ts';
import { MAX_OBSERVED_OBJECTS, observeObjects } from '../../../suites/steps/observe-objects.ts';

const at = () => new Date('2026-12-01T10:00:00.000Z');
const routeRef: ObjectRef = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', namespace: 'infra', name: 'route' };
const classRef: ObjectRef = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', name: 'gauntlet' };

function fakeKube(read: (ref: ObjectRef) => Promise<KubernetesObject | undefined>): KubeClient & { reads: ObjectRef[] } {
  const reads: ObjectRef[] = [];
  return {
    reads,
    read: (ref: ObjectRef) => {
      reads.push(ref);
      return read(ref);
    },
  } as unknown as KubeClient & { reads: ObjectRef[] };
}

describe('observeObjects (status of objects when a step fails)', () => {
  it('keeps status and generation, never the spec, and says when an object is missing', async () => {
    const kube = fakeKube(async (ref) =>
      ref.kind === 'HTTPRoute'
        ? ({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: 'route', namespace: 'infra', generation: 3 }, spec: { secret: 'x' }, status: { parents: [] } } as KubernetesObject)
        : undefined,
    );
    assert.deepEqual(await observeObjects(kube, [routeRef, classRef, routeRef], [], { now: at }), [
      { ...routeRef, observedAt: '2026-12-01T10:00:00.000Z', found: true, generation: 3, status: { parents: [] } },
      { ...classRef, observedAt: '2026-12-01T10:00:00.000Z', found: false },
    ]);
    assert.equal(kube.reads.length, 2, 'each object read once');
  });

  it('takes an object already seen as it is, and records a read that fails or hangs as a read error', async () => {
    const seen = { apiVersion: routeRef.apiVersion, kind: 'HTTPRoute', metadata: { name: 'route', namespace: 'infra', generation: 1 }, status: { parents: ['as judged'] } } as KubernetesObject;
    const kube = fakeKube((ref) => (ref.kind === 'GatewayClass' ? new Promise(() => {}) : Promise.reject(new Error('connection refused'))));
    const gatewayRef: ObjectRef = { ...routeRef, kind: 'Gateway', name: 'gw' };
    const result = await observeObjects(kube, [routeRef, classRef, gatewayRef], [seen], { now: at, timeoutMs: 30 });
    assert.deepEqual(result[0]?.status, { parents: ['as judged'] });
    assert.deepEqual(result[1], { ...classRef, observedAt: '2026-12-01T10:00:00.000Z', found: false, readError: 'no answer from the API server within 0.03s' });
    assert.equal(result[2]?.readError, 'connection refused');
    assert.deepEqual(kube.reads.map((ref) => ref.kind), ['GatewayClass', 'Gateway']);
  });

  it(`reads at most ${MAX_OBSERVED_OBJECTS} objects`, async () => {
    const refs = Array.from({ length: MAX_OBSERVED_OBJECTS + 5 }, (_, index) => ({ ...routeRef, name: `route-${index}` }));
    assert.equal((await observeObjects(fakeKube(async () => undefined), refs)).length, MAX_OBSERVED_OBJECTS);
  });
});
