import assert from 'node:assert/strict';
import type { BackendRef, ClusterSnapshot } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import {
  CONTROLLER,
  endpointSlice,
  gateway,
  httpListener,
  httpRoute,
  irRules,
  referenceGrant,
  routeParents,
  service,
  snapshot,
  summary,
} from './fixtures.ts';

function translateBackends(backendRefs: BackendRef[], parts: Partial<ClusterSnapshot> = {}) {
  const route = httpRoute('r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs }] });
  const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], httpRoutes: [route], ...parts }), { controllerName: CONTROLLER });
  const [rule] = irRules(result, 'infra/gw', 80, '*');
  assert.ok(rule);
  return { backends: rule.backends, conditions: summary(routeParents(result, 'r')[0]?.conditions ?? []) };
}

describe('translator: backends', () => {
  it('resolves a Service port to the ready endpoints of its EndpointSlices for that port name', () => {
    const slices = [
      endpointSlice('echo', [{ address: '127.0.10.1' }, { address: '127.0.10.2', ready: true }, { address: '127.0.10.3', ready: false }]),
      endpointSlice('echo', [{ address: '127.0.10.4' }], { portName: 'metrics', port: 9100 }),
      endpointSlice('other', [{ address: '127.0.10.9' }]),
    ];
    const { backends, conditions } = translateBackends([{ name: 'echo', port: 8080 }], { services: [service('echo')], endpointSlices: slices });
    assert.deepEqual(backends, [
      {
        kind: 'service',
        name: 'infra/echo:8080',
        weight: 1,
        protocol: 'http',
        filters: [],
        endpoints: [
          { address: '127.0.10.1', port: 3000 },
          { address: '127.0.10.2', port: 3000 },
        ],
      },
    ]);
    assert.equal(conditions.ResolvedRefs, 'True/ResolvedRefs');
  });

  it('matches an unnamed Service port to an unnamed slice port', () => {
    const { backends } = translateBackends([{ name: 'echo', port: 80 }], {
      services: [service('echo', 'infra', [{ port: 80 }])],
      endpointSlices: [{ ...endpointSlice('echo', [{ address: '127.0.10.1' }]), ports: [{ port: 8080 }] }],
    });
    assert.deepEqual(backends[0]?.kind === 'service' && backends[0].endpoints, [{ address: '127.0.10.1', port: 8080 }]);
  });

  it('keeps weights (default 1, 0 kept as 0) and the order of backendRefs', () => {
    const { backends } = translateBackends(
      [
        { name: 'a', port: 8080, weight: 3 },
        { name: 'b', port: 8080 },
        { name: 'c', port: 8080, weight: 0 },
      ],
      { services: [service('a'), service('b'), service('c')] },
    );
    assert.deepEqual(
      backends.map((backend) => [backend.name, backend.weight]),
      [
        ['infra/a:8080', 3],
        ['infra/b:8080', 1],
        ['infra/c:8080', 0],
      ],
    );
  });

  it('turns a missing Service into an invalid backend keeping its weight, with BackendNotFound', () => {
    const { backends, conditions } = translateBackends([{ name: 'echo', port: 8080, weight: 2 }, { name: 'ghost', port: 8080, weight: 5 }], {
      services: [service('echo')],
    });
    assert.equal(backends[0]?.kind, 'service');
    assert.equal(backends[1]?.kind, 'invalid');
    assert.equal(backends[1]?.weight, 5);
    assert.match(backends[1]?.kind === 'invalid' ? backends[1].reason : '', /BackendNotFound/);
    assert.equal(conditions.ResolvedRefs, 'False/BackendNotFound');
    assert.equal(conditions.Accepted, 'True/Accepted', 'an unresolved backend does not prevent attachment');
  });

  it('reports BackendNotFound for a port the Service does not expose', () => {
    const { backends, conditions } = translateBackends([{ name: 'echo', port: 9999 }], { services: [service('echo')] });
    assert.equal(backends[0]?.kind, 'invalid');
    assert.equal(conditions.ResolvedRefs, 'False/BackendNotFound');
  });

  it('reports InvalidKind for a backendRef that is not a core Service', () => {
    const { backends, conditions } = translateBackends([{ group: 'example.com', kind: 'Bucket', name: 'b', weight: 4 }]);
    assert.deepEqual([backends[0]?.kind, backends[0]?.weight], ['invalid', 4]);
    assert.equal(conditions.ResolvedRefs, 'False/InvalidKind');
  });

  it('accepts an explicit core group for Services', () => {
    const { backends } = translateBackends([{ group: 'core', kind: 'Service', name: 'echo', port: 8080 }], { services: [service('echo')] });
    assert.equal(backends[0]?.kind, 'service');
  });

  describe('cross-namespace backendRefs and ReferenceGrant', () => {
    const parts = { services: [service('echo', 'apps')], endpointSlices: [endpointSlice('echo', [{ address: '127.0.10.5' }], { namespace: 'apps' })] };

    it('refuses without a ReferenceGrant: RefNotPermitted and an invalid backend', () => {
      const { backends, conditions } = translateBackends([{ name: 'echo', namespace: 'apps', port: 8080 }], parts);
      assert.equal(backends[0]?.kind, 'invalid');
      assert.equal(conditions.ResolvedRefs, 'False/RefNotPermitted');
    });

    it('allows with a grant in the target namespace for all Services or for the named one', () => {
      for (const grant of [referenceGrant('apps', 'infra'), referenceGrant('apps', 'infra', 'echo')]) {
        const { backends, conditions } = translateBackends([{ name: 'echo', namespace: 'apps', port: 8080 }], { ...parts, referenceGrants: [grant] });
        assert.equal(backends[0]?.kind, 'service');
        assert.equal(conditions.ResolvedRefs, 'True/ResolvedRefs');
      }
    });

    it('refuses when the grant names another Service, another source namespace, or lives in the wrong namespace', () => {
      for (const grant of [referenceGrant('apps', 'infra', 'other'), referenceGrant('apps', 'elsewhere'), referenceGrant('infra', 'infra')]) {
        const { conditions } = translateBackends([{ name: 'echo', namespace: 'apps', port: 8080 }], { ...parts, referenceGrants: [grant] });
        assert.equal(conditions.ResolvedRefs, 'False/RefNotPermitted');
      }
    });

    it('refuses when the grant is for another kind of referrer', () => {
      const grant = referenceGrant('apps', 'infra');
      grant.spec.from = [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'infra' }];
      const { conditions } = translateBackends([{ name: 'echo', namespace: 'apps', port: 8080 }], { ...parts, referenceGrants: [grant] });
      assert.equal(conditions.ResolvedRefs, 'False/RefNotPermitted');
    });
  });

  it('speaks the protocol the Service port’s appProtocol names, and refuses one it cannot speak (UnsupportedProtocol)', () => {
    const ports = [
      { name: 'plain', port: 8080 },
      { name: 'h2c', port: 8081, appProtocol: 'kubernetes.io/h2c' },
      { name: 'ws', port: 8082, appProtocol: 'kubernetes.io/ws' },
      { name: 'iana', port: 8083, appProtocol: 'HTTP' },
      { name: 'tls', port: 8443, appProtocol: 'kubernetes.io/wss' },
    ];
    const refs = ports.map((port) => ({ name: 'echo', port: port.port }));
    const { backends, conditions } = translateBackends(refs, { services: [service('echo', 'infra', ports)] });
    assert.deepEqual(
      backends.map((backend) => (backend.kind === 'service' ? backend.protocol : backend.kind)),
      ['http', 'h2c', 'websocket', 'http', 'invalid'],
    );
    assert.equal(conditions.ResolvedRefs, 'False/UnsupportedProtocol');
  });

  it('gives a rule without backendRefs no backends (the proxy answers 500)', () => {
    const { backends, conditions } = translateBackends([]);
    assert.deepEqual(backends, []);
    assert.equal(conditions.ResolvedRefs, 'True/ResolvedRefs');
  });
});
