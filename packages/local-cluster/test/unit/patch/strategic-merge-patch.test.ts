import assert from 'node:assert/strict';
import { applyPatch, PatchError } from '../../../src/api/patch/apply-patch.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

const serviceTarget = { group: '', version: 'v1', kind: 'Service', builtIn: true };
const deploymentTarget = { group: 'apps', version: 'v1', kind: 'Deployment', builtIn: true };

function service(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', uid: 'u1', finalizers: ['a', 'b'] },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
      ],
    },
  };
}

function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'echo', namespace: 'default' },
    spec: {
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'echo' } },
        spec: {
          tolerations: [{ key: 'a', operator: 'Exists' }],
          containers: [
            {
              name: 'echo',
              image: 'gateway-gauntlet/echo:1',
              ports: [{ containerPort: 3000, protocol: 'TCP' }],
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
            },
            { name: 'sidecar', image: 'busybox' },
          ],
        },
      },
    },
  };
}

describe('strategic merge patch', () => {
  it('merges Service ports by port, deletes with $patch: delete and orders by $setElementOrder (kubectl apply)', () => {
    const patch = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      spec: {
        '$setElementOrder/ports': [{ port: 8081 }, { port: 80 }],
        ports: [
          { port: 80, targetPort: 9090 },
          { name: 'alt', port: 8081, protocol: 'TCP', targetPort: 8081 },
          { $patch: 'delete', port: 443 },
        ],
      },
    };
    const result = applyPatch('strategic', service(), patch, serviceTarget);
    const spec = result.spec as Record<string, unknown>;
    assert.deepEqual(spec.ports, [
      { name: 'alt', port: 8081, protocol: 'TCP', targetPort: 8081 },
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 9090 },
    ]);
    assert.equal(spec.clusterIP, '10.96.0.10', 'fields absent from the patch stay');
    assert.deepEqual(result.metadata.annotations, { 'kubectl.kubernetes.io/last-applied-configuration': '{}' });
  });

  it('merges containers by name, their env by name and ports by containerPort; replaces tolerations', () => {
    const patch = {
      spec: {
        template: {
          spec: {
            tolerations: [{ key: 'b', operator: 'Exists' }],
            '$setElementOrder/containers': [{ name: 'echo' }, { name: 'sidecar' }],
            containers: [
              {
                name: 'echo',
                image: 'gateway-gauntlet/echo:2',
                '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }],
                env: [{ name: 'C', value: '3' }, { $patch: 'delete', name: 'B' }],
                ports: [{ containerPort: 3000, name: 'http' }],
              },
            ],
          },
        },
      },
    };
    const result = applyPatch('strategic', deployment(), patch, deploymentTarget);
    const podSpec = (result.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    assert.deepEqual(podSpec.tolerations, [{ key: 'b', operator: 'Exists' }]);
    assert.deepEqual(podSpec.containers, [
      {
        name: 'echo',
        image: 'gateway-gauntlet/echo:2',
        ports: [{ containerPort: 3000, protocol: 'TCP', name: 'http' }],
        env: [
          { name: 'A', value: '1' },
          { name: 'C', value: '3' },
        ],
      },
      { name: 'sidecar', image: 'busybox' },
    ]);
  });

  it('deletes keys set to null, honours $retainKeys and $patch: replace on a map', () => {
    const patch = {
      spec: {
        replicas: null,
        strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null },
        template: { metadata: { $patch: 'replace', labels: { app: 'other' } } },
      },
    };
    const result = applyPatch('strategic', deployment(), patch, deploymentTarget);
    const spec = result.spec as Record<string, unknown>;
    assert.equal('replicas' in spec, false);
    assert.deepEqual(spec.strategy, { type: 'Recreate' });
    assert.deepEqual((spec.template as Record<string, unknown>).metadata, { labels: { app: 'other' } });
  });

  it('unions finalizers and removes values with $deleteFromPrimitiveList', () => {
    const patch = { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], finalizers: ['c', 'b'] } };
    const result = applyPatch('strategic', service(), patch, serviceTarget);
    assert.deepEqual(result.metadata.finalizers, ['c', 'b'], 'patch items take the order of the patch');
  });

  it('interleaves server-only list items with the $setElementOrder items by their former positions', () => {
    const env = (names: string[]) => names.map((name) => ({ name, value: name.toLowerCase() }));
    const live = deployment();
    const liveContainer = (live.spec as { template: { spec: { containers: { env: unknown }[] } } }).template.spec.containers[0];
    assert.ok(liveContainer !== undefined);
    liveContainer.env = env(['E2', 'E5', 'E1', 'E3', 'E4']);
    const patch = {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'echo',
                '$setElementOrder/env': [{ name: 'E1' }, { name: 'E2' }, { name: 'E6' }],
                env: [{ name: 'E6', value: 'e6' }, { $patch: 'delete', name: 'E3' }],
              },
            ],
          },
        },
      },
    };
    const result = applyPatch('strategic', live, patch, deploymentTarget);
    const container = (result.spec as { template: { spec: { containers: { env: { name: string }[] }[] } } }).template.spec.containers[0];
    assert.deepEqual(
      container?.env.map((variable) => variable.name),
      ['E5', 'E1', 'E2', 'E6', 'E4'],
    );
  });

  it('leaves an empty map for $patch: delete on a map, as the API server does', () => {
    const result = applyPatch('strategic', deployment(), { spec: { strategy: { $patch: 'delete' } } }, deploymentTarget);
    assert.deepEqual((result.spec as Record<string, unknown>).strategy, {});
  });

  it('refuses a field missing from $retainKeys', () => {
    assert.throws(
      () => applyPatch('strategic', deployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', extra: 1 } } }, deploymentTarget),
      (error: unknown) => error instanceof PatchError && error.code === 'BadRequest' && /retainKeys/.test(error.message),
    );
  });

  it('replaces a merge-keyed list given a $patch: replace element', () => {
    const patch = { spec: { ports: [{ $patch: 'replace' }, { port: 9000, protocol: 'TCP' }] } };
    const result = applyPatch('strategic', service(), patch, serviceTarget);
    assert.deepEqual((result.spec as Record<string, unknown>).ports, [{ port: 9000, protocol: 'TCP' }]);
  });

  it('answers 415 UnsupportedMediaType for a custom resource', () => {
    const target = { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'Gateway', builtIn: false };
    const gateway: KubeObject = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' } };
    assert.throws(
      () => applyPatch('strategic', gateway, { spec: {} }, target),
      (error: unknown) => error instanceof PatchError && error.code === 'UnsupportedMediaType' && error.httpStatus === 415,
    );
  });

  it('answers 400 BadRequest for a keyed list element without its merge key or an unknown directive', () => {
    assert.throws(
      () => applyPatch('strategic', service(), { spec: { ports: [{ targetPort: 1 }] } }, serviceTarget),
      (error: unknown) => error instanceof PatchError && error.code === 'BadRequest' && /merge key "port"/.test(error.message),
    );
    assert.throws(
      () => applyPatch('strategic', service(), { spec: { $patch: 'explode' } }, serviceTarget),
      (error: unknown) => error instanceof PatchError && error.code === 'BadRequest',
    );
  });
});
