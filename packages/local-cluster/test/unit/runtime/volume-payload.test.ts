import assert from 'node:assert/strict';
import type { Volume } from '../../../src/runtime/kube-shapes.ts';
import { relativePathProblem, type VolumeObjectLookups, type VolumePayload, volumePayload } from '../../../src/runtime/volume-payload.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const binary = Buffer.from([0, 255, 10, 13, 128]);

const objects: Record<string, KubeObject> = {
  'secret/tls': {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'tls', namespace: 'ns' },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': base64('CERT'), 'tls.key': base64('KEY'), raw: base64(binary) },
  },
  'configmap/conf': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'conf', namespace: 'ns' },
    data: { Corefile: '.:53 {\n  whoami\n}\n' },
    binaryData: { blob: base64(binary) },
  },
};
const lookups: VolumeObjectLookups = {
  secret: (name) => objects[`secret/${name}`],
  configMap: (name) => objects[`configmap/${name}`],
};

/** path -> [text, mode] of a payload that must be ok. */
function filesOf(payload: VolumePayload): Record<string, [string, string]> {
  assert.ok(payload.ok, payload.ok ? '' : payload.message);
  return Object.fromEntries(payload.files.map((file) => [file.path, [file.data.toString('latin1'), file.mode.toString(8)]]));
}

describe('volume payloads', () => {
  it('projects every key of a Secret as a file with mode 0644, bytes as stored', () => {
    const payload = volumePayload({ name: 'v', secret: { secretName: 'tls' } }, lookups);
    assert.deepEqual(filesOf(payload), { 'tls.crt': ['CERT', '644'], 'tls.key': ['KEY', '644'], raw: [binary.toString('latin1'), '644'] });
    assert.equal(payload.ok && payload.plugin, 'kubernetes.io~secret');
  });

  it('projects only the items, at their paths, with defaultMode or their own mode', () => {
    const volume: Volume = {
      name: 'secret-volume',
      secret: { secretName: 'tls', defaultMode: 0o400, items: [{ key: 'tls.crt', path: 'crt' }, { key: 'tls.key', path: 'keys/key', mode: 0o600 }] },
    };
    assert.deepEqual(filesOf(volumePayload(volume, lookups)), { crt: ['CERT', '400'], 'keys/key': ['KEY', '600'] });
  });

  it('projects a ConfigMap: data as text, binaryData as bytes', () => {
    const payload = volumePayload({ name: 'conf', configMap: { name: 'conf', defaultMode: 420 } }, lookups);
    assert.deepEqual(filesOf(payload), { Corefile: ['.:53 {\n  whoami\n}\n', '644'], blob: [binary.toString('latin1'), '644'] });
    assert.equal(payload.ok && payload.plugin, 'kubernetes.io~configmap');
  });

  it("fails with kubelet's words when the object or a key is missing, unless optional", () => {
    assert.deepEqual(volumePayload({ name: 'v', secret: { secretName: 'absent' } }, lookups), { ok: false, message: 'secret "absent" not found' });
    assert.deepEqual(volumePayload({ name: 'v', configMap: { name: 'absent' } }, lookups), { ok: false, message: 'configmap "absent" not found' });
    assert.deepEqual(volumePayload({ name: 'v', secret: { secretName: 'tls', items: [{ key: 'ca.crt', path: 'ca' }] } }, lookups), {
      ok: false,
      message: 'references non-existent secret key: ca.crt',
    });
    assert.deepEqual(volumePayload({ name: 'v', configMap: { name: 'conf', items: [{ key: 'other', path: 'o' }] } }, lookups), {
      ok: false,
      message: 'configmap references non-existent config key: other',
    });
    assert.deepEqual(filesOf(volumePayload({ name: 'v', secret: { secretName: 'absent', optional: true } }, lookups)), {});
    const optionalItems: Volume = { name: 'v', secret: { secretName: 'tls', optional: true, items: [{ key: 'ca.crt', path: 'ca' }, { key: 'tls.crt', path: 'crt' }] } };
    assert.deepEqual(filesOf(volumePayload(optionalItems, lookups)), { crt: ['CERT', '644'] });
  });

  it('lays out an emptyDir, and a volume without a source, as an empty directory', () => {
    for (const volume of [{ name: 'scratch', emptyDir: {} }, { name: 'defaulted' }] as Volume[]) {
      const payload = volumePayload(volume, lookups);
      assert.deepEqual(payload, { ok: true, plugin: 'kubernetes.io~empty-dir', files: [] });
    }
  });

  it('names a volume source the local cluster does not provide, and what it provides', () => {
    const payload = volumePayload({ name: 'host', hostPath: { path: '/var/log' } }, lookups);
    assert.ok(!payload.ok);
    assert.match(payload.message, /^volume source hostPath is not available in the local cluster \(it lays out secret, configMap, emptyDir volumes\)/);
  });

  it('refuses item paths that would leave the volume', () => {
    const escaping: Volume = { name: 'v', secret: { secretName: 'tls', items: [{ key: 'tls.crt', path: '../../etc/passwd' }] } };
    assert.deepEqual(volumePayload(escaping, lookups), { ok: false, message: `items path "../../etc/passwd" must not contain '..'` });
    assert.equal(relativePathProblem('/abs'), 'must be a relative path');
    assert.equal(relativePathProblem('a/b..c'), undefined);
  });
});
