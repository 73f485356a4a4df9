import assert from 'node:assert/strict';
import type { Cluster } from '../../../harness/cluster/cluster.ts';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { LoadSpec, LocatedManifest, RequestCase, Scenario, ScenarioPhase } from '../../../harness/scenario/scenario-types.ts';
import { expectStatus } from '../../../harness/traffic/expectation.ts';
import { runScenarioSuites } from '../../../suites/run-suites.ts';
import { NOT_RUN_AFTER_FAILURE } from '../../../suites/scenario-suite.ts';
import { createScenarioSteps, objectsToCleanUp, type ScenarioSteps } from '../../../suites/steps/scenario-steps.ts';

const source = { file: 'scenario.yaml', line: 1 };
const gateway = { namespace: 'ns', name: 'gw' };

function request(name: string): RequestCase {
  return { name, gateway, port: 80, request: { protocol: 'http', path: '/' }, expect: expectStatus(200), samples: 500, source };
}

function manifest(kind: string, name: string, marker = ''): LocatedManifest {
  return { object: { apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name, namespace: 'ns' }, spec: { marker } }, source };
}

function phase(name: string, fields: Partial<ScenarioPhase>): ScenarioPhase {
  return { name, delete: [], apply: [], await: [], requests: [], splits: [], source, ...fields };
}

function scenario(phases: ScenarioPhase[], withLoad = false): Scenario {
  const base: Scenario = {
    id: 'a',
    kind: 'conformance',
    description: 'a',
    profile: 'GATEWAY-HTTP',
    features: ['HTTPRoute'],
    channel: 'standard',
    manifests: [manifest('ReferenceGrant', 'grant'), manifest('HTTPRoute', 'route')],
    await: [],
    requests: [request('before')],
    splits: [],
    phases,
    loads: [],
    source,
    directory: '.',
  };
  if (!withLoad) return base;
  const expect = { maxErrors: 0, splitWithinBounds: false, splitConfidence: 0.999, maxMisroutes: 0, latencyMs: {} };
  const sent = { path: '/' };
  const load: LoadSpec = { name: 'load', gateway, port: 80, engine: 'gauntlet', model: 'closed', durationSeconds: 1, connections: 1, timeoutSeconds: 10, request: sent, entries: [{ name: 'GET /', request: sent }], during: {}, expect, source };
  return { ...base, loads: [load] };
}

function recordingSteps(failing: Set<string>) {
  const ran: string[] = [];
  const steps: ScenarioSteps = {
    apply: async () => void ran.push('apply'),
    awaitStatus: async (a) => void ran.push(`await ${a.name}`),
    request: async (r) => {
      ran.push(`request ${r.name}`);
      if (failing.has(r.name)) throw new Error(`expected 500, got 200 (${r.name})`);
    },
    split: async (s) => void ran.push(`split ${s.name}`),
    deletePhaseObjects: async (p) => void ran.push(`delete in ${p.name}`),
    applyPhaseManifests: async (p) => void ran.push(`apply in ${p.name}`),
    load: async () => void ran.push('load'),
    propagation: async () => void ran.push('propagation'),
    routeScale: async () => void ran.push('route scale'),
    cleanup: async () => void ran.push('cleanup'),
  };
  return { ran, steps };
}

const grantDeleted = phase('the grant is deleted', {
  delete: [manifest('ReferenceGrant', 'grant')],
  apply: [manifest('HTTPRoute', 'route', 'changed')],
  await: [{ kind: 'HTTPRoute', namespace: 'ns', name: 'route', conditions: [], parents: [], listeners: [], source }],
  requests: [request('after')],
  splits: [{ name: 'even', gateway, port: 80, probe: { protocol: 'http', request: { path: '/' } }, weights: { v1: 1 }, source }],
});
const secondPhase = phase('the route comes back', { apply: [manifest('HTTPRoute', 'other')], requests: [request('again')] });

describe('scenario phases (then:) in suites', () => {
  it('runs each phase after the scenario checks and before load, with step names prefixed by the phase name', async () => {
    const { ran, steps } = recordingSteps(new Set());
    const records = await runScenarioSuites([scenario([grantDeleted, secondPhase], true)], steps, () => {});
    assert.deepEqual(ran, [
      'apply',
      'request before',
      'delete in the grant is deleted',
      'apply in the grant is deleted',
      'await route',
      'request after',
      'split even',
      'apply in the route comes back',
      'request again',
      'load',
      'cleanup',
    ]);
    assert.deepEqual(
      records[0]?.steps.map((step) => step.name),
      [
        'apply manifests',
        'request: before',
        'the grant is deleted: delete ReferenceGrant ns/grant',
        'the grant is deleted: apply manifests',
        'the grant is deleted: status: HTTPRoute ns/route',
        'the grant is deleted: request: after',
        'the grant is deleted: split: even',
        'the route comes back: apply manifests',
        'the route comes back: request: again',
        'load: closed model, 1 connections for 1s',
      ],
    );
  });

  it('after a failure inside a phase skips the rest of it, later phases and load, and still cleans up', async () => {
    const { ran, steps } = recordingSteps(new Set(['after']));
    const records = await runScenarioSuites([scenario([grantDeleted, secondPhase], true)], steps, () => {});
    assert.deepEqual(ran, ['apply', 'request before', 'delete in the grant is deleted', 'apply in the grant is deleted', 'await route', 'request after', 'cleanup']);
    const outcomes = records[0]?.steps.map((step) => [step.name, step.outcome]) ?? [];
    assert.deepEqual(outcomes.slice(5), [
      ['the grant is deleted: request: after', 'failed'],
      [`the grant is deleted: split: even (${NOT_RUN_AFTER_FAILURE})`, 'skipped'],
      [`the route comes back: apply manifests (${NOT_RUN_AFTER_FAILURE})`, 'skipped'],
      [`the route comes back: request: again (${NOT_RUN_AFTER_FAILURE})`, 'skipped'],
      [`load: closed model, 1 connections for 1s (${NOT_RUN_AFTER_FAILURE})`, 'skipped'],
    ]);
  });

  it('a failure before the phases skips every phase step', async () => {
    const { ran, steps } = recordingSteps(new Set(['before']));
    const records = await runScenarioSuites([scenario([grantDeleted])], steps, () => {});
    assert.deepEqual(ran, ['apply', 'request before', 'cleanup']);
    assert.ok(records[0]?.steps.slice(2).every((step) => step.outcome === 'skipped'));
  });
});

describe('cleanup of a scenario with phases', () => {
  it('lists the scenario manifests and every phase manifest, each object once at its last apply', () => {
    const changed = manifest('HTTPRoute', 'route', 'changed');
    const extra = manifest('HTTPRoute', 'extra');
    const objects = objectsToCleanUp(scenario([phase('p', { apply: [changed, extra] })]));
    assert.deepEqual(
      objects.map((m) => [m.object.metadata.name, (m.object.spec as { marker: string }).marker]),
      [
        ['grant', ''],
        ['route', 'changed'],
        ['extra', ''],
      ],
    );
  });

  it('ignores objects a phase already deleted (NotFound) and deletes the rest newest first', async () => {
    const deleted: string[] = [];
    const gone = new Set(['grant']);
    const kube = {
      objects: {
        delete: async (object: { metadata: { name: string } }) => {
          if (gone.has(object.metadata.name)) throw Object.assign(new Error('HTTP-Code: 404'), { code: 404, body: { reason: 'NotFound' } });
          deleted.push(object.metadata.name);
          gone.add(object.metadata.name);
        },
      },
      read: async (ref: { name: string }) => (gone.has(ref.name) ? undefined : { metadata: { name: ref.name } }),
    } as unknown as KubeClient;
    const steps = createScenarioSteps({ kube, cluster: {} as Cluster, timeouts: { statusMs: 100, trafficMs: 100, cleanupMs: 1000 } });
    await steps.cleanup(scenario([phase('p', { apply: [manifest('HTTPRoute', 'extra')] })]));
    assert.deepEqual(deleted, ['extra', 'route']);
  });

  it('still fails cleanup on an error other than NotFound', async () => {
    const kube = {
      objects: { delete: async () => Promise.reject(Object.assign(new Error('HTTP-Code: 403'), { code: 403, body: { message: 'forbidden' } })) },
      read: async () => undefined,
    } as unknown as KubeClient;
    const steps = createScenarioSteps({ kube, cluster: {} as Cluster });
    await assert.rejects(steps.cleanup(scenario([])), /delete HTTPRoute ns\/route \(scenario.yaml:1\) failed: forbidden/);
  });
});
