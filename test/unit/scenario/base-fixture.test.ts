import assert from 'node:assert/strict';
import { loadBaseFixture } from '../../../harness/scenario/load-base-fixture.ts';
import { ScenarioError } from '../../../harness/scenario/scenario-error.ts';
import type { KubeObject } from '../../../harness/scenario/scenario-types.ts';
import { placeholder, writeTree } from './scenario-fixtures.ts';

const key = (object: KubeObject) => `${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`;

describe('loadBaseFixture', () => {
  it('gives the shipped fixture the selected GatewayClass and the upstream names', async () => {
    const manifests = await loadBaseFixture('scenarios', { gatewayClassName: 'acme-gateway' });
    const objects = manifests.map((manifest) => manifest.object);
    const gateways = objects.filter((object) => object.kind === 'Gateway');
    assert.deepEqual(gateways.map(key).sort(), [
      'Gateway gateway-conformance-infra/all-namespaces',
      'Gateway gateway-conformance-infra/backend-namespaces',
      'Gateway gateway-conformance-infra/same-namespace',
      'Gateway gateway-conformance-infra/same-namespace-with-https-listener',
    ]);
    for (const gateway of gateways) assert.equal((gateway.spec as { gatewayClassName: string }).gatewayClassName, 'acme-gateway');
    const services = objects.filter((object) => object.kind === 'Service').map(key);
    assert.deepEqual(services.sort(), [
      'Service gateway-conformance-app-backend/app-backend-v1',
      'Service gateway-conformance-app-backend/app-backend-v2',
      'Service gateway-conformance-app-backend/tls-backend',
      'Service gateway-conformance-infra/coredns',
      'Service gateway-conformance-infra/grpc-infra-backend-v1',
      'Service gateway-conformance-infra/grpc-infra-backend-v2',
      'Service gateway-conformance-infra/grpc-infra-backend-v3',
      'Service gateway-conformance-infra/infra-backend-v1',
      'Service gateway-conformance-infra/infra-backend-v2',
      'Service gateway-conformance-infra/infra-backend-v3',
      'Service gateway-conformance-infra/tcp-backend',
      'Service gateway-conformance-infra/tls-backend',
      'Service gateway-conformance-infra/tls-backend-2',
      'Service gateway-conformance-web-backend/web-backend',
    ]);
    assert.equal(objects.filter((object) => object.kind === 'Deployment').length, 14);
    // Namespaces come first so that everything else has somewhere to go.
    assert.deepEqual(objects.slice(0, 3).map((object) => object.kind), ['Namespace', 'Namespace', 'Namespace']);
    for (const manifest of manifests) assert.match(manifest.source.file, /scenarios\/base\/\d\d-[a-z-]+\.yaml$/);
  });

  it('labels the backend namespaces so the Selector Gateway selects them', async () => {
    const objects = (await loadBaseFixture('scenarios', { gatewayClassName: 'x' })).map((manifest) => manifest.object);
    const selector = objects.find((object) => object.metadata.name === 'backend-namespaces')?.spec as {
      listeners: { allowedRoutes: { namespaces: { selector: { matchLabels: Record<string, string> } } } }[];
    };
    const labels = selector.listeners[0]?.allowedRoutes.namespaces.selector.matchLabels ?? {};
    const selected = objects.filter((object) => object.kind === 'Namespace' && Object.entries(labels).every(([name, value]) => (object.metadata.labels as Record<string, string>)[name] === value));
    assert.deepEqual(selected.map((object) => object.metadata.name).sort(), ['gateway-conformance-app-backend', 'gateway-conformance-web-backend']);
  });

  it('rejects unknown placeholders with file and line', async () => {
    const root = await writeTree({ 'base/00.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${placeholder('NAMESPACE')}\n` });
    await assert.rejects(loadBaseFixture(root, { gatewayClassName: 'x' }), (error: unknown) => {
      assert.ok(error instanceof ScenarioError);
      assert.equal(error.issues[0]?.line, 1);
      assert.match(error.message, /00\.yaml:1:1: unknown placeholder \$\{NAMESPACE\}/);
      return true;
    });
  });

  it('fails with a clear error when the base folder is missing', async () => {
    const root = await writeTree({ 'other.txt': '' });
    await assert.rejects(loadBaseFixture(root, { gatewayClassName: 'x' }), /cannot read the base fixture folder/);
  });
});
