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

  it('compares status.addresses exactly, in any order, each with its type when one is expected', () => {
    const awaited = (addresses: { type?: string; value: string }[]): AwaitedObject => ({ ...gatewayAwait(0), attachedListenerSets: undefined, addresses });
    const usable = { type: 'IPAddress', value: '127.40.0.9' };
    assert.deepEqual(statusMismatches(awaited([usable]), gatewayWith({ addresses: [usable] })), []);
    assert.deepEqual(statusMismatches(awaited([{ value: '127.40.0.9' }]), gatewayWith({ addresses: [usable] })), []);
    const [extra] = statusMismatches(awaited([usable]), gatewayWith({ addresses: [usable, { type: 'IPAddress', value: '127.20.0.1' }] }));
    assert.deepEqual([extra?.field, extra?.expected, extra?.actual], ['addresses', '127.40.0.9 (IPAddress)', '127.40.0.9 (IPAddress), 127.20.0.1 (IPAddress)']);
    assert.equal(statusMismatches(awaited([usable]), gatewayWith({ addresses: [{ type: 'Hostname', value: '127.40.0.9' }] })).length, 1, 'another type');
    assert.equal(statusMismatches(awaited([usable]), gatewayWith({}))[0]?.actual, 'none');
  });
});
