import assert from 'node:assert/strict';
import { applyPatch, PatchError } from '../../../src/api/patch/apply-patch.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

const gatewayTarget = { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'Gateway', builtIn: false };
const serviceTarget = { group: '', version: 'v1', kind: 'Service', builtIn: true };

const gatewayYaml = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: default
spec:
  gatewayClassName: gauntlet
  listeners:
  - name: http
    port: 80
    protocol: HTTP
`;

describe('server-side apply', () => {
  it('returns the applied object (from YAML) when there is no current object', () => {
    const result = applyPatch('apply', undefined, gatewayYaml, gatewayTarget);
    assert.equal(result.metadata.name, 'gw');
    assert.deepEqual((result.spec as Record<string, unknown>).listeners, [{ name: 'http', port: 80, protocol: 'HTTP' }]);
  });

  it('merges onto the current object: maps recursively, custom resource lists replaced', () => {
    const current: KubeObject = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'default', uid: 'u-1', labels: { team: 'a' } },
      spec: { gatewayClassName: 'old', listeners: [{ name: 'tls', port: 443, protocol: 'HTTPS' }] },
      status: { conditions: [] },
    };
    const result = applyPatch('apply', current, Buffer.from(gatewayYaml), gatewayTarget);
    assert.equal(result.metadata.uid, 'u-1');
    assert.deepEqual(result.metadata.labels, { team: 'a' });
    assert.deepEqual(result.spec, { gatewayClassName: 'gauntlet', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] });
    assert.deepEqual(result.status, { conditions: [] });
  });

  it('merges built-in lists by their merge key', () => {
    const current: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort: 8080 }], clusterIP: '10.0.0.1' },
    };
    const applied = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 443, targetPort: 8443 }] } };
    const result = applyPatch('apply', current, JSON.stringify(applied), serviceTarget);
    assert.deepEqual((result.spec as Record<string, unknown>).ports, [
      { port: 80, targetPort: 8080 },
      { port: 443, targetPort: 8443 },
    ]);
  });

  it('answers 400 BadRequest when apiVersion or kind do not match the resource, or the body is not an object', () => {
    const wrongKind = gatewayYaml.replace('kind: Gateway', 'kind: HTTPRoute');
    for (const body of [wrongKind, gatewayYaml.replace('/v1', '/v1beta1'), '- a\n- b\n', 'a: [b']) {
      assert.throws(
        () => applyPatch('apply', undefined, body, gatewayTarget),
        (error: unknown) => error instanceof PatchError && error.code === 'BadRequest',
        body,
      );
    }
  });
});
