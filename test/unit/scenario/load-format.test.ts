import assert from 'node:assert/strict';
import { loadScenarios } from '../../../harness/scenario/load-scenarios.ts';
import { ScenarioError } from '../../../harness/scenario/scenario-error.ts';
import { writeTree } from './scenario-fixtures.ts';

const head = ['id: one', 'description: x', 'profile: GATEWAY-HTTP', 'features: [Gateway, HTTPRoute]', 'defaults: { gateway: gateway-conformance-infra/same-namespace }'];

async function problemsOf(lines: string[]): Promise<string[]> {
  const root = await writeTree({ 'load/one/scenario.yaml': [...head, ...lines, ''].join('\n') });
  try {
    await loadScenarios(root);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, String(error));
    return error.issues.map((issue) => `${issue.line}: ${issue.message}`);
  }
  return [];
}

describe('scenario format: load runs', () => {
  it('takes profile values from the run profile, and defaults the model from the rate', async () => {
    const lines = ['load:', '  http: { host: a.example.com, path: / }', '  rate: { smoke: 100, nightly: 900 }', '  durationSeconds: { smoke: 2, nightly: 30 }'];
    const root = await writeTree({ 'load/one/scenario.yaml': [...head, ...lines, ''].join('\n') });
    const [smoke] = await loadScenarios(root);
    const [nightly] = await loadScenarios(root, { profile: 'nightly' });
    assert.deepEqual([smoke?.loads[0]?.model, smoke?.loads[0]?.rate, smoke?.loads[0]?.durationSeconds], ['open', 100, 2]);
    assert.deepEqual([nightly?.loads[0]?.rate, nightly?.loads[0]?.durationSeconds], [900, 30]);
    assert.equal(smoke?.loads[0]?.engine, 'gauntlet');
  });

  it('refuses engine and model combinations that cannot run, each at its line', async () => {
    const problems = await problemsOf([
      'load:',
      '  - name: a',
      '    http: { path: / }',
      '    model: open',
      '    durationSeconds: 1',
      '  - name: b',
      '    engine: autocannon',
      '    http: { path: / }',
      '    rate: 10',
      '    durationSeconds: 1',
      '  - name: b',
      '    runners: 2',
      '    http: { path: / }',
      '    durationSeconds: 1',
    ]);
    assert.ok(problems.some((problem) => /required by the open model/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /autocannon has no open model/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /duplicate load run name "b"/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /is for the k6 engine/.test(problem)), problems.join('\n'));
  });

  it('refuses a pod kill outside the load and an empty selector', async () => {
    const problems = await problemsOf([
      'load:',
      '  http: { path: / }',
      '  rate: 10',
      '  durationSeconds: 2',
      '  during:',
      '    killPod: { namespace: ns, selector: {}, afterSeconds: 5 }',
    ]);
    assert.ok(problems.some((problem) => /empty selector would pick any pod/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /is not within the load \(durationSeconds 2\)/.test(problem)), problems.join('\n'));
  });
});
