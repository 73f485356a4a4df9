import assert from 'node:assert/strict';
import type { KubernetesObject } from '@kubernetes/client-node';
import { AwaitTimeoutError } from '../../../harness/kube/await-object.ts';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { AwaitedObject } from '../../../harness/scenario/scenario-types.ts';
import { comparisonsOf } from '../../../suites/step-details.ts';
import { awaitStatus, statusCheck } from '../../../suites/steps/await-status.ts';

const source = { file: 'scenario.yaml', line: 7 };

const awaited: AwaitedObject = {
  kind: 'HTTPRoute',
  namespace: 'infra',
  name: 'route',
  conditions: [],
  listeners: [],
  parents: [
    {
      parent: { namespace: 'infra', name: 'gw' },
      conditions: [
        { type: 'Accepted', status: 'True' },
        { type: 'ResolvedRefs', status: 'False', reason: 'BackendNotFound' },
      ],
    },
  ],
  source,
};

function route(generation: number, conditions: object[], parentNamespace?: string): KubernetesObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'route', namespace: 'infra', generation },
    status: { parents: [{ parentRef: { name: 'gw', ...(parentNamespace ? { namespace: parentNamespace } : {}) }, controllerName: 'x/y', conditions }] },
  } as KubernetesObject;
}

const accepted = { type: 'Accepted', status: 'True', reason: 'Accepted', observedGeneration: 2 };
const notFound = { type: 'ResolvedRefs', status: 'False', reason: 'BackendNotFound', message: 'service "nope" not found', observedGeneration: 2 };

describe('awaiting status conditions', () => {
  it('is satisfied when every expected parent condition holds at the current generation', () => {
    assert.equal(statusCheck(awaited)(route(2, [accepted, notFound])), true);
    assert.equal(statusCheck(awaited)(route(2, [accepted, notFound], 'infra')), true, 'an explicit parent namespace matches too');
  });

  it('says expected versus got for a wrong reason, with the message', () => {
    const got = statusCheck(awaited)(route(2, [accepted, { ...notFound, status: 'True', reason: 'ResolvedRefs', message: '' }]));
    assert.equal(got, 'parent infra/gw: expected ResolvedRefs=False (BackendNotFound), got ResolvedRefs=True (ResolvedRefs)');
  });

  it('does not accept conditions observed at an older generation', () => {
    const got = statusCheck(awaited)(route(3, [accepted, notFound]));
    assert.match(String(got), /observed at generation 2 < 3/);
  });

  it('names a missing parent entry and a missing condition', () => {
    const noParents = { ...route(1, []), status: { parents: [] } } as KubernetesObject;
    assert.equal(statusCheck(awaited)(noParents), 'parent infra/gw: no status entry (parents with status: none)');
    assert.match(String(statusCheck(awaited)(route(2, [accepted]))), /expected ResolvedRefs=False \(BackendNotFound\), got no ResolvedRefs condition/);
  });
});

describe('awaiting listener status', () => {
  const gatewayAwait: AwaitedObject = {
    kind: 'Gateway',
    namespace: 'infra',
    name: 'gw',
    conditions: [],
    parents: [],
    listeners: [{ name: 'http', conditions: [{ type: 'Accepted', status: 'True' }], attachedRoutes: 2, supportedKinds: ['HTTPRoute'] }],
    source,
  };
  const gateway = (attachedRoutes: number, kinds: string[]) =>
    ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'infra', generation: 1 },
      status: {
        listeners: [
          {
            name: 'http',
            attachedRoutes,
            supportedKinds: kinds.map((kind) => ({ group: 'gateway.networking.k8s.io', kind })),
            conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', observedGeneration: 1 }],
          },
        ],
      },
    }) as KubernetesObject;

  it('compares attachedRoutes and supportedKinds besides the conditions', () => {
    assert.equal(statusCheck(gatewayAwait)(gateway(2, ['HTTPRoute'])), true);
    assert.equal(statusCheck(gatewayAwait)(gateway(3, ['HTTPRoute'])), 'listener http: expected attachedRoutes 2, got 3');
    assert.equal(statusCheck(gatewayAwait)(gateway(2, ['GRPCRoute'])), 'listener http: expected supportedKinds including [HTTPRoute], got [GRPCRoute]');
  });

  it('lets a listener list more kinds than expected, as upstream does, but [] means none', () => {
    assert.equal(statusCheck(gatewayAwait)(gateway(2, ['HTTPRoute', 'GRPCRoute'])), true);
    const none: AwaitedObject = { ...gatewayAwait, listeners: [{ name: 'http', conditions: [], supportedKinds: [] }] };
    assert.equal(statusCheck(none)(gateway(2, [])), true);
    assert.equal(statusCheck(none)(gateway(2, ['HTTPRoute'])), 'listener http: expected supportedKinds including [], got [HTTPRoute]');
  });
});

describe('an await that times out', () => {
  it('names the scenario file and line, the object, and what it got', async () => {
    const kube = { read: async () => route(2, [accepted]) } as unknown as KubeClient;
    await assert.rejects(awaitStatus(kube, awaited, 50), (error: unknown) => {
      assert.ok(error instanceof AwaitTimeoutError);
      assert.match(error.message, /^scenario\.yaml:7: HTTPRoute infra\/route: expected .* got: .*got no ResolvedRefs condition/);
      return true;
    });
  });

  it('carries expected and got apart for a side-by-side report, as the object last looked', async () => {
    const kube = { read: async () => route(2, [accepted, { ...notFound, status: 'True', reason: 'ResolvedRefs', message: 'all good' }]) } as unknown as KubeClient;
    const error = await awaitStatus(kube, awaited, 50).catch((caught: unknown) => caught);
    assert.deepEqual(comparisonsOf(error), [{ field: 'parent infra/gw', expected: 'ResolvedRefs=False (BackendNotFound)', actual: 'ResolvedRefs=True (ResolvedRefs): all good' }]);
    const missing = await awaitStatus({ read: async () => undefined } as unknown as KubeClient, awaited, 50).catch((caught: unknown) => caught);
    assert.deepEqual(comparisonsOf(missing), [
      { field: 'HTTPRoute infra/route', expected: 'parent gw Accepted=True,ResolvedRefs=False', actual: 'the object does not exist' },
    ]);
  });
});
