import assert from 'node:assert/strict';
import { compileCrdValidators, type FieldCause, formatFieldCause } from '../../../src/crd/crd-validator.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';
import { gatewayApiCrds, gatewayApiValidator } from './gateway-api-crd-fixtures.ts';

const group = 'gateway.networking.k8s.io';

function gateway(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: `${group}/v1`, kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' }, spec };
}

function httpRoute(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: `${group}/v1`, kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'default' }, spec };
}

function messages(causes: FieldCause[]): string[] {
  return causes.map(formatFieldCause);
}

function at(object: unknown, ...path: (string | number)[]): unknown {
  let node = object;
  for (const step of path) node = (node as Record<string | number, unknown>)[step];
  return node;
}

const gateways = () => gatewayApiValidator(`gateways.${group}`);
const httpRoutes = () => gatewayApiValidator(`httproutes.${group}`);

describe('Gateway API v1.6.1 CRDs', function () {
  this.timeout(10_000);

  it('compiles every served version of every CRD of both channels, with every CEL rule', () => {
    for (const channel of ['standard', 'experimental'] as const) {
      const crds = gatewayApiCrds(channel);
      assert.ok(crds.length >= 10, `${channel}: expected the Gateway API CRDs, got ${crds.length}`);
      for (const crd of crds) {
        const validators = compileCrdValidators(crd);
        assert.ok(validators.size > 0, `${crd.metadata.name} serves no version`);
        for (const [version, validator] of validators) {
          assert.deepEqual(validator.problems, [], `${channel} ${crd.metadata.name} ${version}`);
        }
      }
    }
  });

  describe('Gateway', () => {
    it('accepts a valid Gateway and fills defaults (allowedRoutes from Same, pending status)', () => {
      const result = gateways().validate(gateway({ gatewayClassName: 'gauntlet', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] }));
      assert.deepEqual(result.causes, []);
      assert.deepEqual(at(result.object, 'spec', 'listeners', 0, 'allowedRoutes'), { namespaces: { from: 'Same' } });
      const conditions = at(result.object, 'status', 'conditions') as { type: string; reason: string }[];
      assert.deepEqual(
        conditions.map((c) => `${c.type}/${c.reason}`),
        ['Accepted/Pending', 'Programmed/Pending'],
      );
    });

    it('rejects a port out of range in the Kubernetes wording', () => {
      const { causes } = gateways().validate(gateway({ gatewayClassName: 'g', listeners: [{ name: 'http', port: 70000, protocol: 'HTTP' }] }));
      assert.deepEqual(causes, [
        {
          field: 'spec.listeners[0].port',
          reason: 'FieldValueInvalid',
          message: 'Invalid value: 70000: spec.listeners[0].port in body should be less than or equal to 65535',
        },
      ]);
    });

    it('rejects duplicate listener names (list-map key and CEL rule)', () => {
      const { causes } = gateways().validate(
        gateway({
          gatewayClassName: 'g',
          listeners: [
            { name: 'web', port: 80, protocol: 'HTTP' },
            { name: 'web', port: 8080, protocol: 'HTTP' },
          ],
        }),
      );
      assert.ok(messages(causes).includes('spec.listeners: Invalid value: "array": Listener name must be unique within the Gateway'), messages(causes).join('\n'));
      assert.ok(causes.some((c) => c.field === 'spec.listeners[1]' && c.reason === 'FieldValueDuplicate'));
    });

    it('rejects a hostname on a TCP listener (CEL rule over the list)', () => {
      const { causes } = gateways().validate(
        gateway({ gatewayClassName: 'g', listeners: [{ name: 'tcp', port: 9000, protocol: 'TCP', hostname: 'a.example.com' }] }),
      );
      assert.deepEqual(messages(causes), [`spec.listeners: Invalid value: "array": hostname must not be specified for protocols ['TCP', 'UDP']`]);
    });

    it('defaults an address type to IPAddress before checking the oneOf, so a non-IP value is refused', () => {
      const ok = gateways().validate(
        gateway({ gatewayClassName: 'g', addresses: [{ value: '10.0.0.1' }, { type: 'Hostname', value: 'lb.example.com' }], listeners: [{ name: 'h', port: 80, protocol: 'HTTP' }] }),
      );
      assert.deepEqual(ok.causes, []);
      assert.equal(at(ok.object, 'spec', 'addresses', 0, 'type'), 'IPAddress');
      const bad = gateways().validate(gateway({ gatewayClassName: 'g', addresses: [{ value: 'not-an-ip' }], listeners: [{ name: 'h', port: 80, protocol: 'HTTP' }] }));
      assert.ok(bad.causes.some((c) => c.field === 'spec.addresses[0]' && /oneOf/.test(c.message)), messages(bad.causes).join('\n'));
      assert.ok(bad.causes.some((c) => c.field === 'spec.addresses[0].value' && /must be of type ipv4/.test(c.message)));
    });

    it('requires gatewayClassName and reports unknown fields', () => {
      const result = gateways().validate(gateway({ listeners: [{ name: 'h', port: 80, protocol: 'HTTP' }], colour: 'blue' }));
      assert.deepEqual(result.causes, [{ field: 'spec.gatewayClassName', reason: 'FieldValueRequired', message: 'Required value' }]);
      assert.deepEqual(result.unknownFields, ['spec.colour']);
      assert.equal('colour' in (result.object.spec as object), false);
    });

    it('skips CEL rules after a type error, as the API server does', () => {
      const { causes } = gateways().validate(gateway({ gatewayClassName: 'g', listeners: [{ name: 'h', port: '80', protocol: 'HTTP' }] }));
      assert.deepEqual(messages(causes), [
        'spec.listeners[0].port: Invalid value: "string": spec.listeners[0].port in body must be of type integer: "string"',
        'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      ]);
      assert.equal(causes[0]?.reason, 'FieldValueTypeInvalid');
    });
  });

  describe('HTTPRoute', () => {
    it('fills the default path match PathPrefix "/", backendRef weight 1, kind Service and parentRef group/kind', () => {
      const result = httpRoutes().validate(httpRoute({ parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'svc', port: 8080 }] }] }));
      assert.deepEqual(result.causes, []);
      assert.deepEqual(at(result.object, 'spec', 'rules', 0, 'matches'), [{ path: { type: 'PathPrefix', value: '/' } }]);
      assert.deepEqual(at(result.object, 'spec', 'rules', 0, 'backendRefs', 0), { name: 'svc', port: 8080, group: '', kind: 'Service', weight: 1 });
      assert.deepEqual(at(result.object, 'spec', 'parentRefs', 0), { name: 'gw', group, kind: 'Gateway' });
    });

    it('rejects more than 16 rules', () => {
      const rules = Array.from({ length: 17 }, () => ({ backendRefs: [{ name: 'svc', port: 80 }] }));
      const { causes } = httpRoutes().validate(httpRoute({ rules }));
      assert.deepEqual(causes, [{ field: 'spec.rules', reason: 'FieldValueTooMany', message: 'Too many: 17: must have at most 16 items' }]);
    });

    it('rejects an invalid hostname with the schema pattern', () => {
      const { causes } = httpRoutes().validate(httpRoute({ hostnames: ['good.example.com', 'Bad_Host'] }));
      assert.equal(causes.length, 1);
      assert.equal(causes[0]?.field, 'spec.hostnames[1]');
      assert.match(causes[0]?.message ?? '', /^Invalid value: "Bad_Host": spec\.hostnames\[1\] in body should match '/);
    });

    it('rejects a backendRef to a Service without a port (CEL rule on the ref)', () => {
      const { causes } = httpRoutes().validate(httpRoute({ rules: [{ backendRefs: [{ name: 'svc' }] }] }));
      assert.deepEqual(messages(causes), ['spec.rules[0].backendRefs[0]: Invalid value: "object": Must have port for Service reference']);
    });

    it('rejects a path match value that does not start with "/"', () => {
      const { causes } = httpRoutes().validate(httpRoute({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: 'foo' } }] }] }));
      assert.ok(causes.some((c) => c.field === 'spec.rules[0].matches[0].path'), messages(causes).join('\n'));
    });
  });

  describe('other kinds', () => {
    it('GatewayClass controllerName is immutable (transition rule with oldSelf)', () => {
      const validator = gatewayApiValidator(`gatewayclasses.${group}`);
      const old: KubeObject = { apiVersion: `${group}/v1`, kind: 'GatewayClass', metadata: { name: 'gc' }, spec: { controllerName: 'example.com/one' } };
      assert.deepEqual(validator.validate(old).causes, []);
      const changed = { ...old, spec: { controllerName: 'example.com/two' } };
      assert.deepEqual(validator.validate(changed).causes, [], 'a create has no oldSelf');
      assert.deepEqual(messages(validator.validate(changed, old).causes), ['spec.controllerName: Invalid value: "string": Value is immutable']);
    });

    it('TLSRoute hostnames cannot be IP addresses (isIP from the Kubernetes CEL library)', () => {
      const validator = gatewayApiValidator(`tlsroutes.${group}`);
      const route = (hostnames: string[]): KubeObject => ({
        apiVersion: `${group}/v1`,
        kind: 'TLSRoute',
        metadata: { name: 't', namespace: 'default' },
        spec: { hostnames, rules: [{ backendRefs: [{ name: 'svc', port: 443 }] }] },
      });
      assert.deepEqual(validator.validate(route(['tls.example.com'])).causes, []);
      assert.deepEqual(messages(validator.validate(route(['10.1.2.3'])).causes), ['spec.hostnames: Invalid value: "array": Hostnames cannot contain an IP']);
    });

    it('XBackendTrafficPolicy retry budget interval is defaulted and bounded with CEL duration()', () => {
      const validator = gatewayApiValidator('xbackendtrafficpolicies.gateway.networking.x-k8s.io', 'v1alpha1');
      const policy = (budget: Record<string, unknown>): KubeObject => ({
        apiVersion: 'gateway.networking.x-k8s.io/v1alpha1',
        kind: 'XBackendTrafficPolicy',
        metadata: { name: 'p', namespace: 'default' },
        spec: { targetRefs: [{ group: '', kind: 'Service', name: 'svc' }], retryConstraint: { budget } },
      });
      const defaulted = validator.validate(policy({}));
      assert.deepEqual(defaulted.causes, []);
      assert.deepEqual(at(defaulted.object, 'spec', 'retryConstraint', 'budget'), { interval: '10s', percent: 20 });
      assert.deepEqual(validator.validate(policy({ interval: '30s' })).causes, []);
      for (const interval of ['500ms', '2h']) {
        assert.deepEqual(
          validator.validate(policy({ interval })).causes.map((cause) => cause.field),
          ['spec.retryConstraint.budget.interval'],
          interval,
        );
      }
    });

    it('XBackend port names must be DNS labels (format.dns1123Label from the Kubernetes CEL library)', () => {
      const validator = gatewayApiValidator('xbackends.gateway.networking.x-k8s.io', 'v1alpha1');
      const backend = (name: string): KubeObject => ({
        apiVersion: 'gateway.networking.x-k8s.io/v1alpha1',
        kind: 'XBackend',
        metadata: { name: 'b', namespace: 'default' },
        spec: { type: 'ExternalHostname', externalHostname: { hostname: 'api.example.com' }, port: { name, port: 443 }, protocol: 'TLS' },
      });
      const valid = validator.validate(backend('https'));
      const invalid = validator.validate(backend('Not_A_Label'));
      assert.equal(valid.causes.some((c) => c.field === 'spec.port.name'), false, messages(valid.causes).join('\n'));
      assert.ok(messages(invalid.causes).includes('spec.port.name: Invalid value: "string": Name must be a valid DNS label'), messages(invalid.causes).join('\n'));
    });
  });
});
