import assert from 'node:assert/strict';
import type { KubernetesObject } from '@kubernetes/client-node';
import { conditionIs } from '../../../harness/kube/conditions.ts';

const gateway = (generation: number, conditions: object[]) =>
  ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', generation }, status: { conditions } }) as KubernetesObject;

describe('conditionIs', () => {
  const programmed = conditionIs('Programmed', 'True');

  it('holds for the condition at the current generation', () => {
    assert.equal(programmed(gateway(2, [{ type: 'Programmed', status: 'True', reason: 'Programmed', observedGeneration: 2 }])), true);
  });

  it('says what it got otherwise: another status, a stale generation, or no condition', () => {
    assert.equal(
      programmed(gateway(2, [{ type: 'Programmed', status: 'False', reason: 'AddressNotAssigned', message: 'no address yet', observedGeneration: 2 }])),
      'expected Programmed=True, got Programmed=False (AddressNotAssigned): no address yet',
    );
    assert.equal(
      programmed(gateway(3, [{ type: 'Programmed', status: 'True', reason: 'Programmed', observedGeneration: 2 }])),
      'expected Programmed=True, got Programmed=True (Programmed) observed at generation 2 < 3',
    );
    assert.equal(programmed(gateway(1, [])), 'expected Programmed=True, got no Programmed condition');
  });
});
