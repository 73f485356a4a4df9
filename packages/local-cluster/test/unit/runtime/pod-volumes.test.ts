import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Container, Volume } from '../../../src/runtime/kube-shapes.ts';
import { PodVolumes } from '../../../src/runtime/pod-volumes.ts';
import type { VolumeObjectLookups } from '../../../src/runtime/volume-payload.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

const objects = new Map<string, KubeObject>();
const lookups: VolumeObjectLookups = {
  secret: (name) => objects.get(`secret/${name}`),
  configMap: (name) => objects.get(`configmap/${name}`),
};
function putSecret(name: string, data: Record<string, string>): void {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  objects.set(`secret/${name}`, { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'ns' }, data: encoded });
}

const volumes: Volume[] = [
  { name: 'secret-volume', secret: { secretName: 'tls', items: [{ key: 'tls.crt', path: 'crt' }, { key: 'tls.key', path: 'key', mode: 0o600 }] } },
  { name: 'conf', configMap: { name: 'coredns' } },
  { name: 'scratch', emptyDir: {} },
];
/** `<root><mountPath>`: where a container's process finds a file. */
const inRoot = (root: { root: string } | { message: string }, containerPath: string) => {
  assert.ok('root' in root, 'message' in root ? root.message : '');
  return path.join(root.root, containerPath);
};

describe('pod volumes on the host', () => {
  let podDir: string;
  beforeEach(() => {
    objects.clear();
    podDir = path.join(mkdtempSync(path.join(tmpdir(), 'pod-volumes-')), 'pod-uid');
  });

  it('reports volumes whose objects are missing, lays out the others, and completes once they appear', () => {
    const pod = new PodVolumes(podDir);
    const failures = pod.setUp(volumes, lookups);
    assert.deepEqual(failures, [
      { volume: 'secret-volume', message: 'secret "tls" not found' },
      { volume: 'conf', message: 'configmap "coredns" not found' },
    ]);
    putSecret('tls', { 'tls.crt': 'CERT', 'tls.key': 'KEY' });
    objects.set('configmap/coredns', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'ns' }, data: { Corefile: 'zone' } });
    assert.deepEqual(pod.setUp(volumes, lookups), []);
    const secretDir = path.join(podDir, 'volumes', 'kubernetes.io~secret', 'secret-volume');
    assert.equal(readFileSync(path.join(secretDir, 'crt'), 'utf8'), 'CERT');
    assert.equal(statSync(path.join(secretDir, 'crt')).mode & 0o777, 0o644);
    assert.equal(statSync(path.join(secretDir, 'key')).mode & 0o777, 0o600);
  });

  it("gives each container a root where its mountPaths (and subPaths) hold the volume's files", () => {
    putSecret('tls', { 'tls.crt': 'CERT', 'tls.key': 'KEY' });
    objects.set('configmap/coredns', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'ns' }, data: { Corefile: 'zone' } });
    const pod = new PodVolumes(podDir);
    assert.deepEqual(pod.setUp(volumes, lookups), []);
    const container: Container = {
      name: 'tls-backend',
      volumeMounts: [
        { name: 'secret-volume', mountPath: '/etc/secret-volume' },
        { name: 'conf', mountPath: '/root' },
        { name: 'conf', mountPath: '/etc/coredns/Corefile', subPath: 'Corefile' },
        { name: 'scratch', mountPath: '/var/cache/$(POD_NAME)', subPathExpr: '$(POD_NAME)' },
      ],
    };
    const root = pod.rootFor(container, { POD_NAME: 'tls-backend-1' });
    assert.equal(readFileSync(inRoot(root, '/etc/secret-volume/crt'), 'utf8'), 'CERT');
    assert.equal(readFileSync(inRoot(root, '/root/Corefile'), 'utf8'), 'zone');
    assert.equal(readFileSync(inRoot(root, '/etc/coredns/Corefile'), 'utf8'), 'zone');
    writeFileSync(inRoot(root, '/var/cache/$(POD_NAME)/note'), 'written');
    assert.equal(readFileSync(path.join(podDir, 'volumes', 'kubernetes.io~empty-dir', 'scratch', 'tls-backend-1', 'note'), 'utf8'), 'written');
  });

  it('shares an emptyDir between the containers of a pod and keeps it across later set-ups', () => {
    const pod = new PodVolumes(podDir);
    const scratchOnly = [{ name: 'scratch', emptyDir: {} }];
    assert.deepEqual(pod.setUp(scratchOnly, lookups), []);
    const writer = pod.rootFor({ name: 'writer', volumeMounts: [{ name: 'scratch', mountPath: '/data' }] }, {});
    const reader = pod.rootFor({ name: 'reader', volumeMounts: [{ name: 'scratch', mountPath: '/mnt/shared' }] }, {});
    writeFileSync(inRoot(writer, '/data/file'), 'from writer');
    assert.deepEqual(pod.setUp(scratchOnly, lookups), []);
    assert.equal(readFileSync(inRoot(reader, '/mnt/shared/file'), 'utf8'), 'from writer');
  });

  it('refuses mounts it cannot place, saying which and why', () => {
    const pod = new PodVolumes(podDir);
    pod.setUp([{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }], lookups);
    const message = (container: Container) => {
      const root = pod.rootFor(container, {});
      assert.ok('message' in root, `${container.name} must be refused`);
      return root.message;
    };
    assert.match(
      message({ name: 'nested', volumeMounts: [{ name: 'a', mountPath: '/etc' }, { name: 'b', mountPath: '/etc/app' }] }),
      /^volumeMount "b" of container "nested": mountPath "\/etc\/app" lies inside mountPath "\/etc": .*mount them side by side$/,
    );
    assert.match(message({ name: 'twice', volumeMounts: [{ name: 'a', mountPath: '/x' }, { name: 'b', mountPath: '/x/' }] }), /mountPath "\/x" is used by another volumeMount/);
    assert.match(message({ name: 'unknown', volumeMounts: [{ name: 'c', mountPath: '/c' }] }), /volumeMount "c" of container "unknown" names no volume of the pod/);
    assert.match(message({ name: 'escape', volumeMounts: [{ name: 'a', mountPath: '/a', subPath: '../b' }] }), /failed to prepare subPath .*subPath "\.\.\/b" must not contain '\.\.'/);
    assert.match(message({ name: 'root', volumeMounts: [{ name: 'a', mountPath: '/' }] }), /would replace the container's root/);
  });

  it('removes every volume and root on tear-down', () => {
    const pod = new PodVolumes(podDir);
    pod.setUp([{ name: 'a', emptyDir: {} }], lookups);
    pod.rootFor({ name: 'c', volumeMounts: [{ name: 'a', mountPath: '/a' }] }, {});
    assert.ok(existsSync(podDir));
    pod.tearDown();
    assert.equal(existsSync(podDir), false);
  });
});
