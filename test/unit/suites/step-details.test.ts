// What steps leave for the report besides pass/fail: start times, route propagation, split counts, and for a
// failure the expected-versus-got pairs and the objects' status at that moment.
import assert from 'node:assert/strict';
import type { ObjectRef } from '../../../harness/kube/kube-client.ts';
import type { LocatedManifest, RequestCase, Scenario, SplitCase } from '../../../harness/scenario/scenario-types.ts';
import { expectStatus } from '../../../harness/traffic/expectation.ts';
import { mismatch } from '../../../harness/traffic/mismatch.ts';
import { runScenarioSuites } from '../../../suites/run-suites.ts';
import { withComparisons } from '../../../suites/step-details.ts';
import type { ScenarioSteps } from '../../../suites/steps/scenario-steps.ts';

const source = { file: 'scenario.yaml', line: 1 };
const gateway = { namespace: 'infra', name: 'gw' };

function request(name: string): RequestCase {
  return { name, gateway, port: 80, request: { protocol: 'http', path: '/' }, expect: expectStatus(200), samples: 500, source };
}

function manifest(apiVersion: string, kind: string, name: string): LocatedManifest {
  return { object: { apiVersion, kind, metadata: { name, namespace: 'infra' } }, source };
}

const split: SplitCase = { name: 'halves', gateway, port: 80, probe: { protocol: 'http', request: { path: '/' } }, weights: { a: 1, b: 1 }, source };

function scenario(): Scenario {
  return {
    id: 's',
    kind: 'conformance',
    description: 's',
    profile: 'GATEWAY-HTTP',
    features: ['HTTPRoute'],
    channel: 'standard',
    manifests: [manifest('gateway.networking.k8s.io/v1', 'HTTPRoute', 'route'), manifest('v1', 'Service', 'svc'), manifest('v1', 'Secret', 'key')],
    await: [],
    requests: [request('first'), request('second'), request('broken')],
    splits: [split],
    phases: [],
    loads: [],
    source,
    directory: '.',
  };
}

describe('step details for the report', () => {
  it('records propagation on the first traffic step after an apply only, split counts, and a failure with its objects', async () => {
    const observed: ObjectRef[][] = [];
    let appliedAt = 0;
    const steps: ScenarioSteps = {
      apply: async () => {
        appliedAt = Date.now();
      },
      awaitStatus: async () => {},
      request: async (r, note) => {
        if (r.name === 'broken') throw withComparisons(new Error('status: expected 200, got 500'), [mismatch('status', '200', '500')]);
        // The first passing answer came 40 ms after the apply ended.
        note?.({ firstPassAt: appliedAt + 40 });
      },
      split: async (_s, note) => note?.({ split: { weights: { a: 1, b: 1 }, counts: { a: 260, b: 240 }, pValue: 0.37, significance: 0.001, passed: true } }),
      deletePhaseObjects: async () => {},
      applyPhaseManifests: async () => {},
      load: async () => {},
      propagation: async () => {},
      routeScale: async () => {},
      cleanup: async () => {},
      observe: async (refs) => {
        observed.push([...refs]);
        return refs.map((ref) => ({ ...ref, observedAt: '2026-12-01T00:00:00.000Z', found: true, status: { conditions: [] } }));
      },
    };
    const [record] = await runScenarioSuites([scenario()], steps, () => {});
    const byName = new Map(record?.steps.map((step) => [step.name, step]));
    assert.ok(record?.steps.every((step) => typeof step.startedAt === 'string' && !Number.isNaN(Date.parse(step.startedAt))));
    const first = byName.get('request: first');
    assert.ok(first?.propagationMs !== undefined && first.propagationMs >= 35 && first.propagationMs <= 45, String(first?.propagationMs));
    assert.equal(byName.get('request: second')?.propagationMs, undefined, 'only the first traffic step after a change measures it');
    const broken = byName.get('request: broken');
    assert.equal(broken?.outcome, 'failed');
    assert.deepEqual(broken?.comparisons, [{ field: 'status', expected: '200', actual: '500' }]);
    // The step's Gateway first, then the scenario's Gateway API objects; never its Service or Secret.
    assert.deepEqual(observed, [
      [
        { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace: 'infra', name: 'gw' },
        { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', namespace: 'infra', name: 'route' },
      ],
    ]);
    assert.deepEqual(
      broken?.objects?.map((object) => `${object.kind} ${object.name}`),
      ['Gateway gw', 'HTTPRoute route'],
    );
    assert.equal(record?.steps.find((step) => step.name.startsWith('split: halves'))?.outcome, 'skipped', 'after the failure');
  });

  it('records a passing split with its counts', async () => {
    const own = { ...scenario(), requests: [] };
    const steps: ScenarioSteps = {
      apply: async () => {},
      awaitStatus: async () => {},
      request: async () => {},
      split: async (_s, note) => note?.({ split: { weights: { a: 1, b: 1 }, counts: { a: 260, b: 240 }, pValue: 0.37, significance: 0.001, passed: true } }),
      deletePhaseObjects: async () => {},
      applyPhaseManifests: async () => {},
      load: async () => {},
      propagation: async () => {},
      routeScale: async () => {},
      cleanup: async () => {},
    };
    const [record] = await runScenarioSuites([own], steps, () => {});
    assert.deepEqual(record?.steps.find((step) => step.name === 'split: halves')?.split, {
      weights: { a: 1, b: 1 },
      counts: { a: 260, b: 240 },
      pValue: 0.37,
      significance: 0.001,
      passed: true,
    });
  });
});
