import assert from 'node:assert/strict';
import { computeDeploymentStatus, type DeploymentStatusInput } from '../../../src/runtime/deployment-status.ts';

const base: DeploymentStatusInput = {
  generation: 3,
  desiredReplicas: 2,
  maxUnavailable: 0,
  progressDeadlineSeconds: 600,
  newReplicaSetName: 'web-abc',
  createdNewReplicaSet: false,
  newReplicaSetStatus: { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
  allReplicaSetStatuses: [{ replicas: 2, readyReplicas: 2, availableReplicas: 2 }],
  previous: undefined,
  now: new Date('2026-01-01T00:00:00Z'),
};

describe('computeDeploymentStatus', () => {
  it('reports a finished rollout: counts, Available MinimumReplicasAvailable, Progressing NewReplicaSetAvailable', () => {
    const status = computeDeploymentStatus(base);
    assert.equal(status.observedGeneration, 3);
    assert.deepEqual([status.replicas, status.updatedReplicas, status.readyReplicas, status.availableReplicas], [2, 2, 2, 2]);
    assert.equal(status.unavailableReplicas, undefined);
    assert.deepEqual(
      status.conditions?.map((c) => [c.type, c.status, c.reason, c.message]),
      [
        ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
        ['Progressing', 'True', 'NewReplicaSetAvailable', 'ReplicaSet "web-abc" has successfully progressed.'],
      ],
    );
  });

  it('reports a new rollout with no pods ready: NewReplicaSetCreated and MinimumReplicasUnavailable', () => {
    const status = computeDeploymentStatus({
      ...base,
      createdNewReplicaSet: true,
      newReplicaSetStatus: { replicas: 0 },
      allReplicaSetStatuses: [{ replicas: 0 }],
    });
    assert.equal(status.replicas, undefined, 'zero counts are omitted');
    assert.equal(status.unavailableReplicas, 2);
    assert.deepEqual(status.conditions?.map((c) => c.reason), ['MinimumReplicasUnavailable', 'NewReplicaSetCreated']);
  });

  it('keeps transition times while a condition holds and moves them when it flips', () => {
    const first = computeDeploymentStatus(base);
    const later = new Date('2026-01-01T00:05:00Z');
    const same = computeDeploymentStatus({ ...base, previous: first, now: later });
    assert.deepEqual(same.conditions, first.conditions);
    const degraded = computeDeploymentStatus({
      ...base,
      previous: first,
      now: later,
      allReplicaSetStatuses: [{ replicas: 2, readyReplicas: 1, availableReplicas: 1 }],
      newReplicaSetStatus: { replicas: 2, readyReplicas: 1, availableReplicas: 1 },
    });
    const available = degraded.conditions?.find((c) => c.type === 'Available');
    assert.equal(available?.status, 'False');
    assert.equal(available?.lastTransitionTime, '2026-01-01T00:05:00Z');
  });

  it('reports ProgressDeadlineExceeded when a rollout made no progress for progressDeadlineSeconds', () => {
    const stuck = { ...base, newReplicaSetStatus: { replicas: 2 }, allReplicaSetStatuses: [{ replicas: 2 }] };
    const first = computeDeploymentStatus(stuck);
    assert.equal(first.conditions?.[1]?.reason, 'ReplicaSetUpdated');
    const before = computeDeploymentStatus({ ...stuck, previous: first, now: new Date('2026-01-01T00:09:00Z') });
    assert.equal(before.conditions?.[1]?.reason, 'ReplicaSetUpdated');
    const after = computeDeploymentStatus({ ...stuck, previous: first, now: new Date('2026-01-01T00:10:01Z') });
    assert.deepEqual([after.conditions?.[1]?.status, after.conditions?.[1]?.reason], ['False', 'ProgressDeadlineExceeded']);
  });

  it('reports a paused Deployment as DeploymentPaused, then DeploymentResumed once resumed', () => {
    const rolling = { ...base, newReplicaSetStatus: { replicas: 1 }, allReplicaSetStatuses: [{ replicas: 2 }] };
    const paused = computeDeploymentStatus({ ...rolling, paused: true });
    const progressing = paused.conditions?.find((c) => c.type === 'Progressing');
    assert.deepEqual([progressing?.status, progressing?.reason, progressing?.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    const resumed = computeDeploymentStatus({ ...rolling, previous: paused });
    assert.equal(resumed.conditions?.find((c) => c.type === 'Progressing')?.reason, 'DeploymentResumed');
  });
});
