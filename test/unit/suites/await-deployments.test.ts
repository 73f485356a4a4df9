import assert from 'node:assert/strict';
import { deploymentUnavailability as unavailability } from '../../../harness/kube/conditions.ts';

describe('awaiting a scenario\'s Deployments', () => {
  it('waits until every wanted replica is updated and available, for the spec the controller has seen', () => {
    const deployment = (status: Record<string, number>, replicas = 2, generation = 1) => ({ metadata: { name: 'b', generation }, spec: { replicas, selector: {}, template: {} }, status });
    assert.equal(unavailability(deployment({ observedGeneration: 1, availableReplicas: 2, updatedReplicas: 2 })), undefined);
    assert.equal(unavailability(deployment({ observedGeneration: 1, availableReplicas: 1, updatedReplicas: 2 })), '1 of 2 replicas available, 2 updated');
    assert.equal(unavailability(deployment({ observedGeneration: 1, availableReplicas: 2, updatedReplicas: 1 })), '2 of 2 replicas available, 1 updated');
    assert.match(unavailability(deployment({ observedGeneration: 1, availableReplicas: 2, updatedReplicas: 2 }, 2, 2)) ?? '', /has not seen the latest spec/);
    assert.equal(unavailability({ metadata: { name: 'one' }, status: {} }), '0 of 1 replicas available, 0 updated');
  });
});
