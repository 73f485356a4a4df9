import assert from 'node:assert/strict';
import { type EnvLookups, expandReferences, resolveContainerEnv } from '../../../src/runtime/container-env.ts';
import type { Container, Pod } from '../../../src/runtime/kube-shapes.ts';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-abc-xyz12', namespace: 'shop', uid: 'u-1', labels: { app: 'web' } },
  spec: { nodeName: 'gauntlet-local', containers: [] },
};
const addresses = { podIP: '127.10.0.7', hostIP: '127.0.0.1' };
const lookups: EnvLookups = {
  secret: (name) => (name === 'creds' ? { password: 's3cret' } : undefined),
  configMap: (name) => (name === 'settings' ? { MODE: 'fast', LEVEL: 'debug' } : undefined),
};

function container(fields: Partial<Container>): Container {
  return { name: 'c', image: 'gateway-gauntlet/echo:dev', ...fields };
}

describe('resolveContainerEnv', () => {
  it('resolves plain values, downward API fields, secrets and config maps', () => {
    const result = resolveContainerEnv(
      container({
        env: [
          { name: 'PLAIN', value: 'x' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
          { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
          { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'MODE' } } },
        ],
      }),
      pod,
      addresses,
      lookups,
    );
    assert.deepEqual(result, {
      ok: true,
      env: {
        PLAIN: 'x',
        POD_NAME: 'web-abc-xyz12',
        NS: 'shop',
        IP: '127.10.0.7',
        NODE: 'gauntlet-local',
        SA: 'default',
        APP: 'web',
        PASSWORD: 's3cret',
        MODE: 'fast',
      },
      args: [],
    });
  });

  it('takes envFrom first with its prefix, lets env override, and expands $(VAR) in values and args', () => {
    const result = resolveContainerEnv(
      container({
        envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'settings' } }],
        env: [
          { name: 'CFG_MODE', value: 'slow' },
          { name: 'URL', value: 'http://$(HOST):80/$(MISSING)/$$(HOST)' },
          { name: 'HOST', value: 'late' },
        ],
        args: ['--mode=$(CFG_MODE)', '--level=$(CFG_LEVEL)'],
      }),
      pod,
      addresses,
      lookups,
    );
    assert.ok(result.ok);
    assert.equal(result.env.CFG_MODE, 'slow');
    assert.equal(result.env.URL, 'http://$(HOST):80/$(MISSING)/$(HOST)', 'only variables defined before are expanded');
    assert.deepEqual(result.args, ['--mode=slow', '--level=debug']);
  });

  it('fails with a message naming a missing secret, key or unsupported field', () => {
    const missing = resolveContainerEnv(
      container({ env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'absent', key: 'k' } } }] }),
      pod,
      addresses,
      lookups,
    );
    assert.deepEqual(missing, { ok: false, message: 'secret "absent" not found' });
    const missingKey = resolveContainerEnv(
      container({ env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'creds', key: 'user' } } }] }),
      pod,
      addresses,
      lookups,
    );
    assert.deepEqual(missingKey, { ok: false, message: "couldn't find key user in Secret shop/creds" });
    const field = resolveContainerEnv(container({ env: [{ name: 'F', valueFrom: { fieldRef: { fieldPath: 'spec.bogus' } } }] }), pod, addresses, lookups);
    assert.equal(field.ok, false);
  });

  it('skips optional references that do not resolve', () => {
    const result = resolveContainerEnv(
      container({
        env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'absent', key: 'k', optional: true } } }],
        envFrom: [{ secretRef: { name: 'absent', optional: true } }],
      }),
      pod,
      addresses,
      lookups,
    );
    assert.deepEqual(result, { ok: true, env: {}, args: [] });
  });

  it('expandReferences leaves unknown references alone', () => {
    assert.equal(expandReferences('$(A)-$(B)', { A: '1' }), '1-$(B)');
  });
});
