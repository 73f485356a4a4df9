import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gatewayApiBundlePath } from '../../support/gateway-api-bundles.ts';
import { type LocalApiFixture, startLocalApi } from './local-api-fixture.ts';

const GATEWAY_POLICY = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: no-admin-port }
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - { apiGroups: [gateway.networking.k8s.io], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [gateways] }
  validations:
    - expression: "object.spec.listeners.all(l, l.port != 9000)"
      messageExpression: "'listener port 9000 is reserved for the admin interface'"
      reason: Forbidden
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: no-admin-port }
spec:
  policyName: no-admin-port
  validationActions: [Deny]
`;

const gateway = (port: number) => `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: default }
spec:
  gatewayClassName: gauntlet
  listeners: [{ name: http, port: ${port}, protocol: HTTP }]
`;

describe('validating admission policies, with the real kubectl', function () {
  this.timeout(120_000);
  let api: LocalApiFixture;

  before(async () => {
    api = await startLocalApi();
  });
  after(async () => {
    await api?.close();
  });

  it('installs the Gateway API bundle with its policy, which it can enforce whole (no warning)', async () => {
    const result = await api.kubectlResult(['apply', '-f', gatewayApiBundlePath('standard')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /validatingadmissionpolicy.admissionregistration.k8s.io\/safe-upgrades.gateway.networking.k8s.io created/);
    assert.doesNotMatch(result.stderr, /Warning/);
  });

  it('enforces the Gateway API bundle\'s safe-upgrades policy: experimental CRDs over standard ones are refused with its message', async () => {
    const result = await api.kubectlResult(['apply', '--server-side', '-f', gatewayApiBundlePath('experimental')]);
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /customresourcedefinitions.apiextensions.k8s.io "httproutes.gateway.networking.k8s.io" is forbidden: ValidatingAdmissionPolicy 'safe-upgrades.gateway.networking.k8s.io' with binding 'safe-upgrades.gateway.networking.k8s.io' denied request: Installing experimental CRDs on top of standard channel CRDs is prohibited by default/,
    );
    const crd = JSON.parse(await api.kubectl(['get', 'crd', 'httproutes.gateway.networking.k8s.io', '-o', 'json']));
    assert.equal(crd.metadata.annotations['gateway.networking.k8s.io/channel'], 'standard');
  });

  it('refuses a Gateway API CRD of a bundle older than v1.5 under the same policy', async () => {
    const bundle = await readFile(gatewayApiBundlePath('standard'), 'utf8');
    const start = bundle.indexOf('apiVersion: apiextensions.k8s.io/v1');
    const firstCrd = bundle.slice(start, bundle.indexOf('\n---', start));
    const stderr = await api.kubectlFailure(['apply', '-f', '-'], firstCrd.replace('bundle-version: v1.6.1', 'bundle-version: v1.4.0'));
    assert.match(stderr, /denied request: Installing CRDs with version .* is prohibited by default/);
  });

  it('enforces a policy on Gateways, with the reason and message it declares', async () => {
    await api.kubectl(['apply', '-f', '-'], GATEWAY_POLICY);
    assert.match(await api.kubectl(['apply', '-f', '-'], gateway(80)), /gateway.gateway.networking.k8s.io\/edge created/);
    const stderr = await api.kubectlFailure(['apply', '-f', '-'], gateway(9000));
    assert.match(stderr, /Error from server \(Forbidden\)/);
    assert.match(stderr, /gateways.gateway.networking.k8s.io "edge" is forbidden: ValidatingAdmissionPolicy 'no-admin-port' with binding 'no-admin-port' denied request: listener port 9000 is reserved for the admin interface/);
  });

  it('says in warnings what a policy asks that this cluster cannot enforce', async () => {
    const policy = GATEWAY_POLICY.replaceAll('no-admin-port', 'audited')
      .replace('validationActions: [Deny]', 'validationActions: [Audit]')
      .replace('  validations:', '  auditAnnotations: [{ key: seen, valueExpression: "\'yes\'" }]\n  validations:\n    - expression: "quantity(\'1Gi\').isGreaterThan(quantity(\'1Mi\'))"');
    const result = await api.kubectlResult(['apply', '-f', '-'], policy);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Warning: ValidatingAdmissionPolicy audited: auditAnnotations are not recorded/);
    assert.match(result.stderr, /Warning: ValidatingAdmissionPolicyBinding audited: validationAction Audit is not enforced/);
    assert.match(result.stderr, /Warning: ValidatingAdmissionPolicy audited: spec.validations\[0\].expression: .*calls functions this local cluster's CEL does not have: isGreaterThan, quantity; requests it matches are denied/);
  });
});
