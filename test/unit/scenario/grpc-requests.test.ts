// The `grpc:` request key and splits: what a call sends (service, method, authority, metadata, TLS), its step
// name, what it may expect (a gRPC status by name or number, the echo's account of the backend), splits of
// calls, and the mistakes the loader reports.
import assert from 'node:assert/strict';
import { headedScenario } from './scenario-fixtures.ts';

const header = ['id: one', 'description: a scenario', 'profile: GATEWAY-GRPC', 'features: [Gateway, GRPCRoute]', 'defaults: { gateway: infra/gw, namespace: infra }'];

const { load, issuesOf } = headedScenario(header);

describe('loadScenarios: grpc: calls', () => {
  it('reads calls with their metadata and TLS, names their steps, and expects OK unless told otherwise', async () => {
    const [scenario] = await load([
      'requests:',
      '  - grpc: { method: Echo, authority: bar.com, metadata: { Version: 2 } }',
      '    expect: { backend: grpc-v1 }',
      '  - grpc: { service: other.Svc, method: Echo, tls: { ca: { secret: infra/ca } } }',
      '    port: 443',
      '    expect: { grpc: { code: UNIMPLEMENTED } }',
      '  - grpc: { method: EchoThree }',
      '    expect: { grpc: { code: 14 } }',
    ]);
    const [plain, overTls, numbered] = scenario?.requests ?? [];
    assert.deepEqual(plain?.request, { protocol: 'grpc', method: 'Echo', authority: 'bar.com', metadata: { Version: '2' } });
    assert.equal(plain?.name, 'gRPC Echo @bar.com with Version: 2');
    assert.deepEqual([plain?.expect.grpc, plain?.expect.backend], [{ code: 0 }, { name: 'grpc-v1', namespace: 'infra' }]);
    assert.deepEqual(overTls?.request, { protocol: 'grpc', service: 'other.Svc', method: 'Echo', tls: { ca: { kind: 'Secret', namespace: 'infra', name: 'ca' } } });
    assert.equal(overTls?.name, 'gRPC over TLS other.Svc/Echo');
    assert.deepEqual(overTls?.expect.grpc, { code: 12 });
    assert.deepEqual(numbered?.expect.grpc, { code: 14 });
  });

  it('reads a split of calls', async () => {
    const [scenario] = await load(['splits:', '  - grpc: { method: Echo }', '    weights: { a: 70, b: 30 }']);
    const [split] = scenario?.splits ?? [];
    assert.deepEqual([split?.probe, split?.name], [{ protocol: 'grpc', call: { method: 'Echo' } }, 'split of gRPC Echo calls']);
  });

  it('refuses what a gRPC call cannot show, grpc: on other protocols, and unknown status names', async () => {
    const issues = await issuesOf([
      'requests:',
      '  - grpc: { method: Echo }',
      '    expect: { response: { status: 200 }, backend: { name: a, path: / } }',
      '  - http: { path: / }',
      '    expect: { grpc: { code: OK } }',
      '  - grpc: { method: Echo }',
      '    expect: { grpc: { code: NOPE } }',
    ]);
    assert.equal(issues.length, 4, issues.join('\n'));
    assert.match(issues[0] ?? '', /^8:15 .*not checked for grpc:/);
    assert.match(issues[1] ?? '', /^8:.*path.*not reported by the gRPC echo/);
    assert.match(issues[2] ?? '', /^10:15 .*only checked for grpc: calls/);
    assert.match(issues[3] ?? '', /^12:.*code/);
  });
});
