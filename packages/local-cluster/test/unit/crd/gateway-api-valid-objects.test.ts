import assert from 'node:assert/strict';
import { formatFieldCause } from '../../../src/crd/crd-validator.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';
import { type Channel, gatewayApiValidator } from './gateway-api-crd-fixtures.ts';

const group = 'gateway.networking.k8s.io';

// Objects of the shape conformance scenarios use: they must pass both channels without a single cause.
const validObjects: { crd: string; version: string; object: KubeObject }[] = [
  {
    crd: `gatewayclasses.${group}`,
    version: 'v1',
    object: { apiVersion: `${group}/v1`, kind: 'GatewayClass', metadata: { name: 'gauntlet' }, spec: { controllerName: 'gauntlet.dev/controller' } },
  },
  {
    crd: `gateways.${group}`,
    version: 'v1',
    object: {
      apiVersion: `${group}/v1`,
      kind: 'Gateway',
      metadata: { name: 'same-namespace', namespace: 'gateway-conformance-infra' },
      spec: {
        gatewayClassName: 'gauntlet',
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'HTTPRoute' }] } },
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            hostname: '*.example.com',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'tls-secret' }] },
            allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { env: 'prod' } } } },
          },
          { name: 'tls', port: 8443, protocol: 'TLS', hostname: 'tls.example.com', tls: { mode: 'Passthrough' } },
        ],
      },
    },
  },
  {
    crd: `httproutes.${group}`,
    version: 'v1',
    object: {
      apiVersion: `${group}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: 'rich', namespace: 'gateway-conformance-infra' },
      spec: {
        parentRefs: [{ name: 'same-namespace', sectionName: 'http' }],
        hostnames: ['example.com', '*.wildcard.example.com'],
        rules: [
          {
            matches: [
              { path: { type: 'Exact', value: '/exact' }, headers: [{ name: 'version', value: 'two' }], method: 'GET' },
              { path: { type: 'RegularExpression', value: '/re/.*' }, queryParams: [{ name: 'q', value: '1' }] },
            ],
            filters: [
              { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }], remove: ['x-b'] } },
              { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'x-c', value: '2' }] } },
            ],
            backendRefs: [
              { name: 'infra-backend-v1', port: 8080, weight: 90 },
              { name: 'infra-backend-v2', port: 8080, weight: 10 },
            ],
          },
          {
            matches: [{ path: { type: 'PathPrefix', value: '/redirect' } }],
            filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301, hostname: 'secure.example.com' } }],
          },
          {
            matches: [{ path: { type: 'PathPrefix', value: '/rewrite' } }],
            filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } } }],
            backendRefs: [{ name: 'infra-backend-v1', port: 8080 }],
          },
        ],
      },
    },
  },
  {
    crd: `grpcroutes.${group}`,
    version: 'v1',
    object: {
      apiVersion: `${group}/v1`,
      kind: 'GRPCRoute',
      metadata: { name: 'grpc', namespace: 'default' },
      spec: {
        parentRefs: [{ name: 'gw' }],
        rules: [{ matches: [{ method: { service: 'gauntlet.Echo', method: 'Say' } }], backendRefs: [{ name: 'grpc-echo', port: 9000 }] }],
      },
    },
  },
  {
    crd: `referencegrants.${group}`,
    version: 'v1beta1',
    object: {
      apiVersion: `${group}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name: 'allow', namespace: 'backends' },
      spec: { from: [{ group, kind: 'HTTPRoute', namespace: 'default' }], to: [{ group: '', kind: 'Service' }] },
    },
  },
];

describe('valid Gateway API objects', function () {
  this.timeout(10_000);
  for (const channel of ['standard', 'experimental'] as Channel[]) {
    for (const { crd, version, object } of validObjects) {
      it(`${channel}: accepts ${object.kind} ${object.metadata.name} unchanged apart from defaults`, () => {
        const result = gatewayApiValidator(crd, version, channel).validate(object);
        assert.deepEqual(result.causes.map(formatFieldCause), []);
        assert.deepEqual(result.unknownFields, []);
        assert.deepEqual(result.object.metadata, object.metadata);
      });
    }
  }
});
