import assert from 'node:assert/strict';
import { k6TestRunManifests, TEST_RUN_API_VERSION } from '../../../../harness/load/k6/k6-operator.ts';

const specOf = (object: object | undefined) => (object as { spec?: Record<string, unknown> } | undefined)?.spec;

describe('k6-operator TestRun generation', () => {
  it('puts the script in a ConfigMap and a TestRun with N runners reading it', () => {
    const [configMap, testRun] = k6TestRunManifests({ name: 'gauntlet-load', namespace: 'load', parallelism: 4, script: 'export default function () {}', durationSeconds: 30 });
    assert.equal(configMap?.object.kind, 'ConfigMap');
    assert.deepEqual(configMap?.object.data, { 'script.ts': 'export default function () {}' });
    assert.equal(testRun?.object.apiVersion, TEST_RUN_API_VERSION);
    assert.equal(testRun?.object.kind, 'TestRun');
    assert.deepEqual(testRun?.object.metadata, { name: 'gauntlet-load', namespace: 'load', labels: { 'app.kubernetes.io/managed-by': 'gauntlet' } });
    const spec = specOf(testRun?.object);
    assert.equal(spec?.parallelism, 4);
    assert.deepEqual(spec?.script, { configMap: { name: 'gauntlet-load-script', file: 'script.ts' } });
    assert.equal(spec?.runner, undefined, 'the operator picks the runner image unless one is given');
    const [, pinned] = k6TestRunManifests({ name: 'x', namespace: 'load', parallelism: 1, script: '', durationSeconds: 1, image: 'grafana/k6:1.0.0' });
    assert.deepEqual(specOf(pinned?.object)?.runner, { image: 'grafana/k6:1.0.0' });
  });
});
