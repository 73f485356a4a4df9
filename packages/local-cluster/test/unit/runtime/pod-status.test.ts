import assert from 'node:assert/strict';
import type { ContainerStatus, Pod } from '../../../src/runtime/kube-shapes.ts';
import { computePodStatus, creatingContainerStatus, podPhase, qosClassOf } from '../../../src/runtime/pod-status.ts';

function containerStatus(fields: Partial<ContainerStatus>): ContainerStatus {
  return { name: 'c', image: 'i', imageID: 'i', ready: false, started: false, restartCount: 0, state: {}, lastState: {}, ...fields };
}

const running = containerStatus({ ready: true, started: true, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } });
const view = { podIP: '127.10.0.9', hostIP: '127.0.0.1', startTime: '2026-01-01T00:00:00Z', restartPolicy: 'Always', qosClass: 'BestEffort' };

describe('pod status', () => {
  it('reports a running, ready pod with its addresses and the five conditions in kubelet order', () => {
    const status = computePodStatus({ ...view, containers: [running] }, undefined, new Date('2026-01-01T00:00:01Z'));
    assert.equal(status.phase, 'Running');
    assert.deepEqual([status.podIP, status.podIPs, status.hostIP], ['127.10.0.9', [{ ip: '127.10.0.9' }], '127.0.0.1']);
    assert.deepEqual(
      status.conditions?.map((c) => [c.type, c.status]),
      [
        ['PodReadyToStartContainers', 'True'],
        ['Initialized', 'True'],
        ['Ready', 'True'],
        ['ContainersReady', 'True'],
        ['PodScheduled', 'True'],
      ],
    );
  });

  it('names unready containers in Ready and ContainersReady and keeps the pod Pending until they ran', () => {
    const waiting = containerStatus({ name: 'web', state: { waiting: { reason: 'ErrImagePull', message: 'no' } } });
    const status = computePodStatus({ ...view, containers: [waiting] });
    assert.equal(status.phase, 'Pending');
    const ready = status.conditions?.find((c) => c.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.reason, ready?.message], ['False', 'ContainersNotReady', 'containers with unready status: [web]']);
  });

  it('waits in ContainerCreating, not ready to start containers, while its volumes cannot be laid out', () => {
    const creating = creatingContainerStatus({ name: 'web', image: 'example/web:1' });
    assert.deepEqual(creating.state, { waiting: { reason: 'ContainerCreating' } });
    const status = computePodStatus({ ...view, sandboxReady: false, containers: [creating] });
    assert.equal(status.phase, 'Pending');
    assert.deepEqual(
      status.conditions?.filter((c) => c.status === 'False').map((c) => c.type),
      ['PodReadyToStartContainers', 'Ready', 'ContainersReady'],
    );
  });

  it('keeps Running for a crash-looping container under restartPolicy Always', () => {
    const crashing = containerStatus({
      restartCount: 2,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T00:00:00Z' } },
    });
    assert.equal(podPhase({ containers: [crashing], restartPolicy: 'Always' }), 'Running');
  });

  it('ends in Succeeded or Failed when no restart is due', () => {
    const done = (exitCode: number) =>
      containerStatus({ state: { terminated: { exitCode, reason: exitCode ? 'Error' : 'Completed', finishedAt: 'x' } } });
    assert.equal(podPhase({ containers: [done(0)], restartPolicy: 'Never' }), 'Succeeded');
    assert.equal(podPhase({ containers: [done(0), done(2)], restartPolicy: 'OnFailure' }), 'Failed');
  });

  it('keeps lastTransitionTime while a condition holds', () => {
    const first = computePodStatus({ ...view, containers: [running] }, undefined, new Date('2026-01-01T00:00:01Z'));
    const second = computePodStatus({ ...view, containers: [running] }, first, new Date('2026-01-01T00:01:00Z'));
    assert.deepEqual(second.conditions, first.conditions);
  });

  it('classifies QoS from requests and limits', () => {
    const pod = (resources?: Pod['spec']['containers'][number]['resources']): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', ...(resources ? { resources } : {}) }] },
    });
    assert.equal(qosClassOf(pod()), 'BestEffort');
    assert.equal(qosClassOf(pod({ requests: { cpu: '100m' } })), 'Burstable');
    assert.equal(qosClassOf(pod({ limits: { cpu: '1', memory: '1Gi' } })), 'Guaranteed');
  });
});
