import assert from 'node:assert/strict';
import type { BackendTLSPolicyObject, Condition, GRPCRouteObject } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import type { TranslationResult } from '../../../reference-impl/controller/translator/translation-result.ts';
import { CONTROLLER, endpointSlice, gateway, httpListener, httpRoute, irRules, service, snapshot, statusOf, summary } from './fixtures.ts';

const ECHO = 'gateway_api_conformance.echo_basic.grpcecho.GrpcEcho';
const GRPC_CONTENT_TYPE = { type: 'RegularExpression', name: 'content-type', value: 'application/grpc(?:[+;].*)?' };

function grpcRoute(name: string, spec: GRPCRouteObject['spec'], created = '2026-01-01T00:00:00Z'): GRPCRouteObject {
  return { metadata: { name, namespace: 'infra', generation: 2, creationTimestamp: created }, spec };
}

function run(routes: GRPCRouteObject[], listeners = [httpListener('http')]): TranslationResult {
  const services = ['v1', 'v2'].map((name) => ({ ...service(name, 'infra', [{ name: 'grpc', port: 8080 }]) }));
  const slices = ['v1', 'v2'].map((name) => endpointSlice(name, [{ address: `10.0.0.${name.slice(1)}` }], { portName: 'grpc', port: 3000 }));
  return translate(snapshot({ gateways: [gateway('gw', listeners)], grpcRoutes: routes, services, endpointSlices: slices }), { controllerName: CONTROLLER });
}

function parentsOf(result: TranslationResult, name: string) {
  return (statusOf(result, 'GRPCRoute', name, 'infra') as { parents: { conditions: Condition[] }[] }).parents;
}

describe('translator: GRPCRoute', () => {
  it('compiles method matches into paths and metadata into headers, every rule requiring a gRPC content-type', () => {
    const route = grpcRoute('r', {
      parentRefs: [{ name: 'gw' }],
      rules: [
        {
          matches: [
            { method: { service: ECHO, method: 'Echo' } },
            { method: { service: ECHO } },
            { method: { method: 'EchoTwo' }, headers: [{ name: 'Version', value: 'one' }] },
            { method: { type: 'RegularExpression', service: 'echo\\..*|other', method: 'Echo.*' } },
          ],
          backendRefs: [{ name: 'v1', port: 8080 }],
        },
      ],
    });
    const matches = irRules(run([route]), 'infra/gw', 80, '*').map((rule) => rule.match);
    assert.deepEqual(matches, [
      { path: { type: 'Exact', value: `/${ECHO}/Echo` }, headers: [GRPC_CONTENT_TYPE], queryParams: [] },
      { path: { type: 'RegularExpression', value: `/${ECHO.replaceAll('.', '\\.')}/[^/]+` }, headers: [GRPC_CONTENT_TYPE], queryParams: [] },
      { path: { type: 'RegularExpression', value: '/[^/]+/EchoTwo' }, headers: [{ type: 'Exact', name: 'version', value: 'one' }, GRPC_CONTENT_TYPE], queryParams: [] },
      { path: { type: 'RegularExpression', value: '/(?:echo\\..*|other)/(?:Echo.*)' }, headers: [GRPC_CONTENT_TYPE], queryParams: [] },
    ]);
  });

  it('speaks HTTP/2 to every backend, whatever the Service port says', () => {
    const route = grpcRoute('r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'v1', port: 8080, weight: 7 }] }] });
    const [rule] = irRules(run([route]), 'infra/gw', 80, '*');
    assert.deepEqual(rule?.backends, [{ kind: 'service', name: 'infra/v1:8080', weight: 7, protocol: 'h2c', filters: [], endpoints: [{ address: '10.0.0.1', port: 3000 }] }]);
  });

  it('orders rules by service characters, then method characters, then header matches, then age', () => {
    const older = grpcRoute(
      'older',
      {
        parentRefs: [{ name: 'gw' }],
        rules: [
          { name: 'any', backendRefs: [{ name: 'v1', port: 8080 }] },
          { matches: [{ headers: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] }], backendRefs: [{ name: 'v1', port: 8080 }] },
          { matches: [{ method: { method: 'Echo' } }], backendRefs: [{ name: 'v1', port: 8080 }] },
        ],
      },
      '2026-01-01T00:00:00Z',
    );
    const newer = grpcRoute(
      'newer',
      {
        parentRefs: [{ name: 'gw' }],
        rules: [
          { matches: [{ method: { service: ECHO } }], backendRefs: [{ name: 'v2', port: 8080 }] },
          { matches: [{ method: { service: ECHO, method: 'Echo' } }], backendRefs: [{ name: 'v2', port: 8080 }] },
          { backendRefs: [{ name: 'v2', port: 8080 }] },
        ],
      },
      '2026-02-01T00:00:00Z',
    );
    const ids = irRules(run([newer, older]), 'infra/gw', 80, '*').map((rule) => rule.id);
    assert.deepEqual(ids, [
      'infra/newer/rule/1/match/0',
      'infra/newer/rule/0/match/0',
      'infra/older/rule/2/match/0',
      'infra/older/rule/1/match/0',
      'infra/older/rule/0/match/0',
      'infra/newer/rule/2/match/0',
    ]);
  });

  it('puts gRPC rules before the HTTPRoute rules of the same host: they only take gRPC calls', () => {
    const grpc = grpcRoute('g', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'v1', port: 8080 }] }] }, '2026-03-01T00:00:00Z');
    const http = httpRoute('h', { parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: { type: 'Exact', value: `/${ECHO}/Echo` } }] }] });
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], grpcRoutes: [grpc], httpRoutes: [http] }), { controllerName: CONTROLLER });
    assert.deepEqual(
      irRules(result, 'infra/gw', 80, '*').map((rule) => rule.id),
      ['infra/g/rule/0/match/0', 'infra/h/rule/0/match/0'],
    );
  });

  it('is refused by a listener whose allowed kinds lack GRPCRoute', () => {
    const listener = httpListener('http', { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } });
    const result = run([grpcRoute('r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'v1', port: 8080 }] }] })], [listener]);
    assert.equal(summary(parentsOf(result, 'r')[0]?.conditions ?? []).Accepted, 'False/NotAllowedByListeners');
    assert.equal(result.gateways.get('infra/gw')?.listeners[0]?.virtualHosts.length, 0);
  });

  it('lists GRPCRoute among the kinds an HTTP listener supports', () => {
    const result = run([]);
    const listeners = (statusOf(result, 'Gateway', 'gw', 'infra') as { listeners: { supportedKinds: { kind: string }[] }[] }).listeners;
    assert.deepEqual(
      listeners[0]?.supportedKinds.map((kind) => kind.kind),
      ['HTTPRoute', 'GRPCRoute'],
    );
  });

  it('refuses a filter GRPCRoute does not define, and an invalid method name, as UnsupportedValue', () => {
    const route = grpcRoute('r', {
      parentRefs: [{ name: 'gw' }],
      rules: [
        { filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'x' } }], backendRefs: [{ name: 'v1', port: 8080 }] },
        { matches: [{ method: { service: ECHO, method: 'Not/A/Method' } }], backendRefs: [{ name: 'v1', port: 8080 }] },
        { backendRefs: [{ name: 'v2', port: 8080 }] },
      ],
    });
    const result = run([route]);
    const conditions = summary(parentsOf(result, 'r')[0]?.conditions ?? []);
    assert.equal(conditions.Accepted, 'True/Accepted');
    assert.equal(conditions.PartiallyInvalid, 'True/UnsupportedValue');
    const rules = irRules(result, 'infra/gw', 80, '*');
    // The invalid filter's rule answers with a failure; the invalid match's rule has nothing to match with.
    assert.deepEqual(
      rules.map((rule) => [rule.id, rule.failure !== undefined]),
      [
        ['infra/r/rule/0/match/0', true],
        ['infra/r/rule/2/match/0', false],
      ],
    );
  });

  it('keeps header modifiers and mirrors, and resolves a cross-namespace backend only with a ReferenceGrant', () => {
    const route = grpcRoute('r', {
      parentRefs: [{ name: 'gw' }],
      rules: [
        {
          filters: [
            { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }] } },
            { type: 'RequestMirror', requestMirror: { backendRef: { name: 'v2', port: 8080 } } },
          ],
          backendRefs: [{ name: 'v1', port: 8080, namespace: 'other' }],
        },
      ],
    });
    const result = run([route]);
    const [rule] = irRules(result, 'infra/gw', 80, '*');
    assert.deepEqual(
      rule?.filters.map((filter) => filter.type),
      ['RequestHeaderModifier', 'RequestMirror'],
    );
    assert.equal(rule?.backends[0]?.kind, 'invalid');
    assert.equal(summary(parentsOf(result, 'r')[0]?.conditions ?? []).ResolvedRefs, 'False/RefNotPermitted');
  });

  it('speaks HTTP/2 over TLS (h2) to a backend under a BackendTLSPolicy, and the policy counts the Gateway the GRPCRoute reaches it through', () => {
    const route = grpcRoute('r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'v1', port: 8080 }, { name: 'v2', port: 8080 }] }] });
    const policy: BackendTLSPolicyObject = {
      metadata: { name: 'tls-v1', namespace: 'infra', generation: 1 },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'v1' }], validation: { wellKnownCACertificates: 'System', hostname: 'v1.example.com' } },
    };
    const services = ['v1', 'v2'].map((name) => service(name, 'infra', [{ name: 'grpc', port: 8080 }]));
    const slices = ['v1', 'v2'].map((name) => endpointSlice(name, [{ address: `10.0.0.${name.slice(1)}` }], { portName: 'grpc', port: 3000 }));
    const result = translate(snapshot({ gateways: [gateway('gw', [httpListener('http')])], grpcRoutes: [route], services, endpointSlices: slices, backendTlsPolicies: [policy] }), {
      controllerName: CONTROLLER,
    });
    const backends = irRules(result, 'infra/gw', 80, '*')[0]?.backends.map((backend) => (backend.kind === 'service' ? [backend.protocol, backend.tls?.serverName] : [backend.kind]));
    assert.deepEqual(backends, [
      ['h2', 'v1.example.com'],
      ['h2c', undefined],
    ]);
    assert.deepEqual(summary(parentsOf(result, 'r')[0]?.conditions ?? []), { Accepted: 'True/Accepted', ResolvedRefs: 'True/ResolvedRefs' });
    const ancestors = (statusOf(result, 'BackendTLSPolicy', 'tls-v1', 'infra') as { ancestors?: { ancestorRef: { name: string }; conditions: Condition[] }[] }).ancestors ?? [];
    assert.deepEqual(
      ancestors.map((ancestor) => [ancestor.ancestorRef.name, summary(ancestor.conditions).Accepted]),
      [['gw', 'True/Accepted']],
    );
  });
});
