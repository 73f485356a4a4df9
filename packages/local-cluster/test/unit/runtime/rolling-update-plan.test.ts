import assert from 'node:assert/strict';
import {
  planNewReplicaSetScale,
  planOldReplicaSetsScale,
  resolveRollingParameters,
} from '../../../src/runtime/rolling-update-plan.ts';

describe('rolling update plan', () => {
  describe('resolveRollingParameters', () => {
    it('defaults to 25% each, surge rounded up and unavailable rounded down', () => {
      assert.deepEqual(resolveRollingParameters(2), { maxSurge: 1, maxUnavailable: 0 });
      assert.deepEqual(resolveRollingParameters(10), { maxSurge: 3, maxUnavailable: 2 });
    });
    it('takes absolute numbers and percentages', () => {
      assert.deepEqual(resolveRollingParameters(4, 2, '50%'), { maxSurge: 2, maxUnavailable: 2 });
    });
    it('turns 0/0 into one unavailable pod so the rollout can move', () => {
      assert.deepEqual(resolveRollingParameters(3, 0, 0), { maxSurge: 0, maxUnavailable: 1 });
    });
  });

  describe('planNewReplicaSetScale', () => {
    it('scales a lone new ReplicaSet straight to the desired count', () => {
      assert.equal(planNewReplicaSetScale(3, { maxSurge: 1, maxUnavailable: 0 }, { name: 'new', replicas: 0, available: 0 }, []), 3);
    });
    it('grows the new ReplicaSet only as far as maxSurge allows above the desired total', () => {
      const old = [{ name: 'old', replicas: 2, available: 2 }];
      assert.equal(planNewReplicaSetScale(2, { maxSurge: 1, maxUnavailable: 0 }, { name: 'new', replicas: 0, available: 0 }, old), 1);
      assert.equal(planNewReplicaSetScale(2, { maxSurge: 1, maxUnavailable: 0 }, { name: 'new', replicas: 1, available: 0 }, old), 1);
    });
    it('shrinks a new ReplicaSet that is larger than desired', () => {
      assert.equal(planNewReplicaSetScale(1, { maxSurge: 1, maxUnavailable: 0 }, { name: 'new', replicas: 3, available: 3 }, []), 1);
    });
  });

  describe('planOldReplicaSetsScale', () => {
    const parameters = { maxSurge: 1, maxUnavailable: 0 };
    it('keeps old pods while the new ones are not available yet', () => {
      const plan = planOldReplicaSetsScale(2, parameters, { name: 'new', replicas: 1, available: 0 }, [{ name: 'old', replicas: 2, available: 2 }]);
      assert.equal(plan.get('old'), 2);
    });
    it('removes one old pod per available new pod when no unavailability is allowed', () => {
      const plan = planOldReplicaSetsScale(2, parameters, { name: 'new', replicas: 1, available: 1 }, [{ name: 'old', replicas: 2, available: 2 }]);
      assert.equal(plan.get('old'), 1);
    });
    it('removes unhealthy old pods first, oldest ReplicaSet first', () => {
      const plan = planOldReplicaSetsScale(4, { maxSurge: 1, maxUnavailable: 1 }, { name: 'new', replicas: 1, available: 0 }, [
        { name: 'oldest', replicas: 2, available: 0 },
        { name: 'older', replicas: 2, available: 2 },
      ]);
      // 5 pods, at least 3 available, 1 new unavailable: 1 may go, and it is an unhealthy one
      assert.deepEqual([plan.get('oldest'), plan.get('older')], [1, 2]);
    });
    it('finishes by scaling old ReplicaSets to zero once the new one is fully available', () => {
      const plan = planOldReplicaSetsScale(2, parameters, { name: 'new', replicas: 2, available: 2 }, [{ name: 'old', replicas: 1, available: 1 }]);
      assert.equal(plan.get('old'), 0);
    });
  });

  it('converges to the new template when the steps are applied and pods become available', () => {
    const parameters = resolveRollingParameters(4);
    const fresh = { name: 'new', replicas: 0, available: 0 };
    let old = [{ name: 'old', replicas: 4, available: 4 }];
    let minAvailableSeen = Number.POSITIVE_INFINITY;
    for (let step = 0; step < 20 && (fresh.replicas < 4 || old[0]?.replicas !== 0); step++) {
      fresh.replicas = planNewReplicaSetScale(4, parameters, fresh, old);
      fresh.available = fresh.replicas; // pods become ready before the next step
      const next = planOldReplicaSetsScale(4, parameters, fresh, old);
      old = old.map((rs) => ({ ...rs, replicas: next.get(rs.name) ?? rs.replicas, available: next.get(rs.name) ?? rs.replicas }));
      minAvailableSeen = Math.min(minAvailableSeen, fresh.available + (old[0]?.available ?? 0));
      assert.ok(fresh.replicas + (old[0]?.replicas ?? 0) <= 4 + parameters.maxSurge, 'never above desired + maxSurge');
    }
    assert.deepEqual([fresh.replicas, old[0]?.replicas], [4, 0]);
    assert.ok(minAvailableSeen >= 4 - parameters.maxUnavailable);
  });
});
