import assert from 'node:assert/strict';
import type { AwaitedObject, RequestCase, Scenario } from '../../../harness/scenario/scenario-types.ts';
import { expectStatus } from '../../../harness/traffic/expectation.ts';
import { runScenarioSuites } from '../../../suites/run-suites.ts';
import { NOT_RUN_AFTER_FAILURE } from '../../../suites/scenario-suite.ts';
import type { ScenarioSteps } from '../../../suites/steps/scenario-steps.ts';

const source = { file: 'scenario.yaml', line: 1 };

function request(name: string): RequestCase {
  return { name, gateway: { namespace: 'ns', name: 'gw' }, port: 80, request: { protocol: 'http', path: '/' }, expect: expectStatus(200), samples: 500, source };
}

function scenario(id: string, requests: RequestCase[]): Scenario {
  const awaited: AwaitedObject = { kind: 'HTTPRoute', namespace: 'ns', name: id, conditions: [], parents: [], listeners: [], source };
  return {
    id,
    kind: 'conformance',
    description: id,
    profile: 'GATEWAY-HTTP',
    features: ['HTTPRoute'],
    channel: 'standard',
    manifests: [],
    await: [awaited],
    requests,
    splits: [],
    phases: [],
    loads: [],
    source,
    directory: '.',
  };
}

/** Step actions that record what ran and fail the requests named in `failing`. */
function recordingSteps(failing: Set<string>) {
  const ran: string[] = [];
  const steps: ScenarioSteps = {
    apply: async (s) => void ran.push(`apply ${s.id}`),
    awaitStatus: async (a) => void ran.push(`await ${a.name}`),
    request: async (r) => {
      ran.push(`request ${r.name}`);
      if (failing.has(r.name)) throw new Error(`status: expected 200, got 404 (${r.name})`);
    },
    split: async () => void ran.push('split'),
    deletePhaseObjects: async (p) => void ran.push(`delete ${p.name}`),
    applyPhaseManifests: async (p) => void ran.push(`apply ${p.name}`),
    load: async () => void ran.push('load'),
    propagation: async () => void ran.push('propagation'),
    routeScale: async () => void ran.push('route scale'),
    cleanup: async (s) => void ran.push(`cleanup ${s.id}`),
  };
  return { ran, steps };
}

describe('scenario suites (mocha orchestration)', () => {
  it('runs every step in order and records each scenario as it ran', async () => {
    const { ran, steps } = recordingSteps(new Set());
    const lines: string[] = [];
    const records = await runScenarioSuites([scenario('a', [request('one'), request('two')])], steps, (line) => lines.push(line));
    assert.deepEqual(ran, ['apply a', 'await a', 'request one', 'request two', 'cleanup a']);
    assert.deepEqual(
      records[0]?.steps.map((step) => [step.name, step.outcome]),
      [
        ['apply manifests', 'passed'],
        ['status: HTTPRoute ns/a', 'passed'],
        ['request: one', 'passed'],
        ['request: two', 'passed'],
      ],
    );
    assert.ok(lines.some((line) => /^✔ a passed \(\d+\.\ds\)$/.test(line)), lines.join('\n'));
  });

  it('names a cluster-scoped awaited object without a namespace', async () => {
    const { steps } = recordingSteps(new Set());
    const own = scenario('c', []);
    own.await = [{ kind: 'GatewayClass', namespace: '', name: 'own-class', conditions: [], parents: [], listeners: [], source }];
    const records = await runScenarioSuites([own], steps, () => {});
    assert.deepEqual(
      records[0]?.steps.map((step) => step.name),
      ['apply manifests', 'status: GatewayClass own-class'],
    );
  });

  it('after a failed step reports the rest as not run, still cleans up, and goes on with the next scenario', async () => {
    const { ran, steps } = recordingSteps(new Set(['one']));
    const records = await runScenarioSuites(
      [scenario('a', [request('one'), request('two')]), scenario('b', [request('three')])],
      steps,
      () => {},
    );
    assert.deepEqual(ran, ['apply a', 'await a', 'request one', 'cleanup a', 'apply b', 'await b', 'request three', 'cleanup b']);
    const [first, second] = records;
    assert.deepEqual(first?.steps.map((step) => step.outcome), ['passed', 'passed', 'failed', 'skipped']);
    assert.match(first?.steps[2]?.message ?? '', /expected 200, got 404/);
    assert.equal(first?.steps[3]?.name, `request: two (${NOT_RUN_AFTER_FAILURE})`);
    assert.ok(second?.steps.every((step) => step.outcome === 'passed'));
  });

  it('records a failing cleanup as a failed step of its scenario', async () => {
    const { steps } = recordingSteps(new Set());
    steps.cleanup = async () => {
      throw new Error('HTTPRoute ns/a: still present 30s after deletion');
    };
    const records = await runScenarioSuites([scenario('a', [request('one')])], steps, () => {});
    const cleanup = records[0]?.steps.find((step) => step.name === 'cleanup');
    assert.equal(cleanup?.outcome, 'failed');
    assert.match(cleanup?.message ?? '', /still present/);
  });
});
