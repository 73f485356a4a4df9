// Load runs of gRPC calls and TCP connections: what they build to (the call, the pings), the bytesPerSecond
// threshold, and what such a run refuses (HTTP with it, the open model, another engine, HTTP-only options).
import assert from 'node:assert/strict';
import { loadScenarios } from '../../../harness/scenario/load-scenarios.ts';
import { ScenarioError } from '../../../harness/scenario/scenario-error.ts';
import { writeTree } from './scenario-fixtures.ts';

const head = ['id: one', 'description: x', 'profile: GATEWAY-GRPC', 'features: [Gateway, GRPCRoute]', 'defaults: { gateway: infra/gw }'];

async function load(lines: string[]) {
  const root = await writeTree({ 'load/one/scenario.yaml': [...head, ...lines, ''].join('\n') });
  return loadScenarios(root);
}

async function problemsOf(lines: string[]): Promise<string[]> {
  try {
    await load(lines);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, String(error));
    return error.issues.map((issue) => `${issue.line}: ${issue.message}`);
  }
  return [];
}

describe('scenario format: gRPC and TCP load runs', () => {
  it('builds a gRPC run and a TCP run with their defaults and thresholds', async () => {
    const [scenario] = await load([
      'load:',
      '  - name: calls',
      '    grpc: { method: Echo, authority: a.example.com, metadata: { v: 1 } }',
      '    durationSeconds: 2',
      '    expect: { requestsPerSecond: { atLeast: 10 } }',
      '  - name: connections',
      '    tcp: {}',
      '    port: 9400',
      '    durationSeconds: 2',
      '    expect: { bytesPerSecond: { atLeast: 1000 } }',
    ]);
    const [calls, connections] = scenario?.loads ?? [];
    assert.deepEqual(calls?.stream, { protocol: 'grpc', call: { method: 'Echo', authority: 'a.example.com', metadata: { v: '1' } } });
    assert.deepEqual([calls?.entries, calls?.model], [[], 'closed']);
    assert.deepEqual(connections?.stream, { protocol: 'tcp', pings: 100 });
    assert.deepEqual(connections?.expect.bytesPerSecond, { atLeast: 1000 });
  });

  it('refuses HTTP beside it, the open model, other engines, HTTP-only options, and bytesPerSecond without tcp', async () => {
    const problems = await problemsOf([
      'load:',
      '  - name: a',
      '    grpc: { method: Echo }',
      '    http: { path: / }',
      '    rate: 10',
      '    engine: k6',
      '    weights: { x: 1 }',
      '    durationSeconds: 1',
      '    expect: { bytesPerSecond: 10 }',
    ]);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems.join('\n'), /one kind of traffic per load run: this one already sends http/);
    assert.match(problems.join('\n'), /closed model only/);
    assert.match(problems.join('\n'), /k6 speaks HTTP\/1\.1 only/);
    assert.match(problems.join('\n'), /is for HTTP loads/);
    assert.match(problems.join('\n'), /measured for tcp: loads only/);
  });
});
