import assert from 'node:assert/strict';
import { type LocalApiFixture, startLocalApi } from './local-api-fixture.ts';

const configMap = (color: string, extra = '') => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: shared
  namespace: default
data:
  color: ${color}
${extra}`;

interface ManagedFieldsEntry {
  manager: string;
  operation: string;
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

describe('server-side apply by two managers, with the real kubectl', function () {
  this.timeout(60_000);
  let api: LocalApiFixture;

  before(async () => {
    api = await startLocalApi();
  });
  after(async () => {
    await api?.close();
  });

  async function managedFields(): Promise<ManagedFieldsEntry[]> {
    const object = JSON.parse(await api.kubectl(['get', 'configmap', 'shared', '-o', 'json', '--show-managed-fields']));
    return object.metadata.managedFields;
  }

  it('records each applier in managedFields, sharing the fields both set to the same value', async () => {
    assert.match(await api.kubectl(['apply', '--server-side', '-f', '-'], configMap('red', '  size: big')), /configmap\/shared serverside-applied/);
    await api.kubectl(['apply', '--server-side', '--field-manager=team-b', '-f', '-'], configMap('red'));
    const entries = await managedFields();
    assert.deepEqual(
      entries.map((entry) => [entry.manager, entry.operation, entry.fieldsV1]),
      [
        ['kubectl', 'Apply', { 'f:data': { 'f:color': {}, 'f:size': {} } }],
        ['team-b', 'Apply', { 'f:data': { 'f:color': {} } }],
      ],
    );
  });

  it('refuses a change to a field another manager owns with a 409 that names field and manager, as kubectl prints it', async () => {
    const result = await api.kubectlResult(['apply', '--server-side', '--field-manager=team-b', '-f', '-'], configMap('blue'));
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.data\.color/);
    assert.match(result.stderr, /--force-conflicts/);
    assert.equal(JSON.parse(await api.kubectl(['get', 'configmap', 'shared', '-o', 'json'])).data.color, 'red');
  });

  it('takes the field over with --force-conflicts', async () => {
    await api.kubectl(['apply', '--server-side', '--field-manager=team-b', '--force-conflicts', '-f', '-'], configMap('blue'));
    const entries = await managedFields();
    assert.deepEqual(entries.find((entry) => entry.manager === 'kubectl')?.fieldsV1, { 'f:data': { 'f:size': {} } });
    assert.equal(JSON.parse(await api.kubectl(['get', 'configmap', 'shared', '-o', 'json'])).data.color, 'blue');
  });

  it('removes a field when its last applier leaves it out', async () => {
    await api.kubectl(['apply', '--server-side', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: shared, namespace: default }\n');
    assert.deepEqual(JSON.parse(await api.kubectl(['get', 'configmap', 'shared', '-o', 'json'])).data, { color: 'blue' });
  });

  it('conflicts with the fields an Update manager wrote (kubectl label), naming it with its apiVersion', async () => {
    await api.kubectl(['label', 'configmap', 'shared', 'tier=gold']);
    const stderr = await api.kubectlFailure(['apply', '--server-side', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: shared, namespace: default, labels: { tier: silver } }\n');
    assert.match(stderr, /conflict with "kubectl-label" using v1: \.metadata\.labels\.tier/);
  });

  it('requires a field manager for apply, as the real server does', async () => {
    const stderr = await api.kubectlFailure(['apply', '--server-side', '--field-manager=', '-f', '-'], configMap('green'));
    assert.match(stderr, /fieldManager: Required value: is required for apply patch/);
  });
});
