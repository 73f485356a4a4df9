import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadScenarios } from '../../../harness/scenario/load-scenarios.ts';
import { routeManifest, writeTree } from './scenario-fixtures.ts';

describe('docs/scenarios.md', () => {
  it('documents a scenario.yaml that the loader accepts field for field', async () => {
    const doc = await readFile('docs/scenarios.md', 'utf8');
    const example = doc.match(/```yaml\n(id: httproute-header-matching[\s\S]*?)```/)?.[1];
    assert.ok(example, 'the field-by-field example is missing from docs/scenarios.md');
    const root = await writeTree({
      'conformance/httproute-header-matching/scenario.yaml': example,
      'conformance/httproute-header-matching/manifests.yaml': routeManifest,
      'conformance/httproute-header-matching/header-matching-v2.yaml': routeManifest,
    });
    const [scenario] = await loadScenarios(root);
    assert.equal(scenario?.manifests.length, 3);
    assert.equal(scenario?.await.length, 2);
    assert.deepEqual(scenario?.requests[0]?.expect.absentHeaders, ['x-debug']);
    assert.equal(scenario?.splits[0]?.samples, 500);
    assert.equal(scenario?.phases.length, 1);
    assert.equal(scenario?.phases[0]?.delete[0]?.object.apiVersion, 'gateway.networking.k8s.io/v1beta1');
    assert.equal(scenario?.phases[0]?.apply.length, 2);
    assert.equal(scenario?.phases[0]?.await[0]?.parents[0]?.conditions[0]?.type, 'Accepted');
    assert.equal(scenario?.phases[0]?.requests[0]?.expect.backend, 'infra-backend-v2');
    assert.equal(scenario?.load?.rate, 2000);
    assert.equal(scenario?.load?.expect.latencyP99Ms, 50);
  });
});
