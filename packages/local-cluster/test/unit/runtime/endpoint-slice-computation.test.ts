import assert from 'node:assert/strict';
import { desiredEndpointSlices } from '../../../src/runtime/endpoint-slice-computation.ts';
import type { Pod, Service } from '../../../src/runtime/kube-shapes.ts';

function service(overrides: Partial<Service['spec']> = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'ns' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...overrides },
  };
}

function pod(name: string, options: { ip?: string; ready?: boolean; app?: string; port?: number; deleting?: boolean; phase?: string } = {}): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels: { app: options.app ?? 'web' } },
    spec: { nodeName: 'gauntlet-local', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: options.port ?? 3000 }] }] },
    status: {
      phase: options.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  };
  if (options.ip !== undefined && p.status) p.status.podIP = options.ip;
  if (options.deleting) p.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  return p;
}

describe('desiredEndpointSlices', () => {
  it('has one endpoint per selected pod with an IP, with conditions, targetRef and nodeName', () => {
    const [slice, ...rest] = desiredEndpointSlices(service(), [
      pod('b', { ip: '127.10.0.2', ready: false }),
      pod('a', { ip: '127.10.0.1' }),
      pod('no-ip'),
      pod('other', { ip: '127.10.0.3', app: 'other' }),
      pod('done', { ip: '127.10.0.4', phase: 'Succeeded' }),
    ]);
    assert.equal(rest.length, 0);
    assert.deepEqual(slice?.ports, [{ name: 'http', port: 3000, protocol: 'TCP' }]);
    assert.deepEqual(slice?.endpoints, [
      {
        addresses: ['127.10.0.1'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'ns', name: 'a', uid: 'uid-a' },
        nodeName: 'gauntlet-local',
      },
      {
        addresses: ['127.10.0.2'],
        conditions: { ready: false, serving: false, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'ns', name: 'b', uid: 'uid-b' },
        nodeName: 'gauntlet-local',
      },
    ]);
  });

  it('marks a pod being deleted as terminating and not ready, still serving while its probe passes', () => {
    const [slice] = desiredEndpointSlices(service(), [pod('a', { ip: '127.10.0.1', deleting: true })]);
    assert.deepEqual(slice?.endpoints[0]?.conditions, { ready: false, serving: true, terminating: true });
  });

  it('resolves numeric target ports and defaults the target port to the service port', () => {
    const svc = service({ ports: [{ name: 'a', port: 80, targetPort: 8080 }, { name: 'b', port: 90 }] });
    const [slice] = desiredEndpointSlices(svc, [pod('a', { ip: '127.10.0.1' })]);
    assert.deepEqual(slice?.ports, [
      { name: 'a', port: 8080, protocol: 'TCP' },
      { name: 'b', port: 90, protocol: 'TCP' },
    ]);
  });

  it('puts pods whose named port resolves differently into separate slices', () => {
    const slices = desiredEndpointSlices(service(), [pod('a', { ip: '127.10.0.1', port: 3000 }), pod('b', { ip: '127.10.0.2', port: 4000 })]);
    assert.equal(slices.length, 2);
    assert.deepEqual(slices.map((s) => [s.ports[0]?.port, s.endpoints.map((e) => e.targetRef.name)]), [
      [3000, ['a']],
      [4000, ['b']],
    ]);
  });

  it('publishes not-ready pods as ready when publishNotReadyAddresses is set', () => {
    const [slice] = desiredEndpointSlices(service({ publishNotReadyAddresses: true }), [pod('a', { ip: '127.10.0.1', ready: false })]);
    assert.equal(slice?.endpoints[0]?.conditions.ready, true);
  });

  it('keeps serving the readiness alone, and a terminating pod ready only when not-ready addresses are published', () => {
    const terminatingPod = pod('a', { ip: '127.10.0.1', ready: false, deleting: true });
    const [published] = desiredEndpointSlices(service({ publishNotReadyAddresses: true }), [terminatingPod]);
    assert.deepEqual(published?.endpoints[0]?.conditions, { ready: true, serving: false, terminating: true });
  });

  it('keeps one empty slice when no pod matches', () => {
    assert.deepEqual(desiredEndpointSlices(service(), [pod('x', { ip: '127.10.0.1', app: 'other' })]), [{ ports: [], endpoints: [] }]);
  });
});
