import assert from 'node:assert/strict';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { AwaitedObject } from '../../../harness/scenario/scenario-types.ts';
import { missingMetadata } from '../../../suites/steps/await-provisioned.ts';
import { statusMismatches } from '../../../suites/steps/await-status.ts';

const gatewayAwait = (attachedListenerSets: number): AwaitedObject => ({
  kind: 'Gateway',
  namespace: 'infra',
  name: 'gw',
  conditions: [],
  parents: [],
  listeners: [],
  attachedListenerSets,
  source: { file: 'scenario.yaml', line: 3 },
});
const gatewayWith = (status: object): KubernetesObject => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra', generation: 1 }, ...{ status } });

describe('await: attachedListenerSets and provisioned metadata', () => {
  it('compares status.attachedListenerSets, reading an absent field as 0', () => {
    assert.deepEqual(statusMismatches(gatewayAwait(0), gatewayWith({})), []);
    assert.deepEqual(statusMismatches(gatewayAwait(2), gatewayWith({ attachedListenerSets: 2 })), []);
    const [problem] = statusMismatches(gatewayAwait(1), gatewayWith({ attachedListenerSets: 2 }));
    assert.equal(problem?.field, 'attachedListenerSets');
    assert.equal(problem?.expected, '1');
    assert.equal(problem?.actual, '2');
  });

  it('names each expected label or annotation a provisioned object lacks or carries with another value', () => {
    const expected = { labels: { owner: 'platform' }, annotations: { cost: '4711' } };
    assert.deepEqual(missingMetadata('Pod', { name: 'p', labels: { owner: 'platform', extra: 'x' }, annotations: { cost: '4711' } }, expected), []);
    assert.deepEqual(missingMetadata('Service', { name: 's', labels: { owner: 'someone' } }, expected), [
      'Service s has label owner=someone, expected platform',
      'Service s has annotation cost=(none), expected 4711',
    ]);
  });
});
