import assert from 'node:assert/strict';
import type { AdmissionRequest } from '../../../src/api/admission/admission-request.ts';
import { BINDINGS_KEY, POLICIES_KEY } from '../../../src/api/admission/policy-objects.ts';
import { admitWrite } from '../../../src/api/admission/validating-admission.ts';
import type { ServerContext } from '../../../src/api/server-context.ts';
import { ApiError } from '../../../src/store/api-error.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';
import { testServerContext } from '../../support/server-context.ts';

const CONFIGMAPS = { group: '', resource: 'configmaps' };

const context = (): ServerContext =>
  testServerContext({
    namespaces: [
      { name: 'default', labels: { env: 'dev' } },
      { name: 'prod', labels: { env: 'prod' } },
    ],
  });

const configMapRules = { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE', 'DELETE'], resources: ['configmaps'] }] };

function addPolicy(ctx: ServerContext, name: string, spec: Record<string, unknown>, binding: Record<string, unknown> = { validationActions: ['Deny'] }): void {
  const policy = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name }, spec: { matchConstraints: configMapRules, ...spec } };
  ctx.store.create(POLICIES_KEY, policy);
  ctx.store.create(BINDINGS_KEY, { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: `${name}-binding` }, spec: { policyName: name, ...binding } });
}

function configMap(data: Record<string, string>, namespace = 'default', labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace, labels }, data };
}

function request(ctx: ServerContext, operation: AdmissionRequest['operation'], object: KubeObject | undefined, oldObject?: KubeObject): AdmissionRequest {
  const info = ctx.registry.find('', 'v1', 'configmaps');
  if (!info) throw new Error('configmaps are not served');
  const subject = object ?? oldObject;
  return { operation, info, subresource: undefined, name: subject?.metadata.name ?? '', namespace: subject?.metadata.namespace, object, oldObject, dryRun: false };
}

function denial(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  assert.fail('the write was admitted but was expected to be denied');
}

describe('validating admission policies', () => {
  it('denies a matching write with the Status the real server gives: policy, binding and message, reason Invalid (422)', () => {
    const ctx = context();
    addPolicy(ctx, 'no-red', { validations: [{ expression: "object.data.color != 'red'", message: 'red is not allowed' }] });
    assert.deepEqual(admitWrite(ctx, request(ctx, 'CREATE', configMap({ color: 'blue' }))), []);
    const error = denial(() => admitWrite(ctx, request(ctx, 'CREATE', configMap({ color: 'red' }))));
    assert.equal(error.code, 422);
    assert.equal(error.reason, 'Invalid');
    assert.equal(error.message, `configmaps "settings" is forbidden: ValidatingAdmissionPolicy 'no-red' with binding 'no-red-binding' denied request: red is not allowed`);
    assert.equal(error.details?.causes?.[0]?.message, `ValidatingAdmissionPolicy 'no-red' with binding 'no-red-binding' denied request: red is not allowed`);
  });

  it('answers with the validation reason (Forbidden is 403), messageExpression before message, and "failed expression" without either', () => {
    const ctx = context();
    addPolicy(ctx, 'sized', {
      validations: [
        { expression: 'size(object.data) < 2', messageExpression: "'too many keys: ' + string(size(object.data))", message: 'unused', reason: 'Forbidden' },
        { expression: "!('debug' in object.data)" },
      ],
    });
    const forbidden = denial(() => admitWrite(ctx, request(ctx, 'CREATE', configMap({ a: '1', b: '2' }))));
    assert.equal(forbidden.code, 403);
    assert.match(forbidden.message, /denied request: too many keys: 2$/);
    assert.match(denial(() => admitWrite(ctx, request(ctx, 'CREATE', configMap({ debug: 'x' })))).message, /denied request: failed expression: !\('debug' in object.data\)$/);
  });

  it('only warns under a Warn binding', () => {
    const ctx = context();
    addPolicy(ctx, 'no-red', { validations: [{ expression: "object.data.color != 'red'", message: 'red is discouraged' }] }, { validationActions: ['Warn'] });
    assert.deepEqual(admitWrite(ctx, request(ctx, 'CREATE', configMap({ color: 'red' }))), [
      "Validation failed for ValidatingAdmissionPolicy 'no-red' with binding 'no-red-binding': red is discouraged",
    ]);
  });

  it('applies only where operation, namespaceSelector, objectSelector and match conditions say so', () => {
    const ctx = context();
    const validations = [{ expression: 'false', message: 'frozen' }];
    addPolicy(ctx, 'prod-only', { validations }, { validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { env: 'prod' } } } });
    addPolicy(ctx, 'labelled', { validations, matchConstraints: { ...configMapRules, objectSelector: { matchExpressions: [{ key: 'frozen', operator: 'Exists' }] } } });
    addPolicy(ctx, 'conditional', { validations, matchConditions: [{ name: 'locked', expression: "has(object.data.locked) && object.data.locked == 'yes'" }] });
    assert.deepEqual(admitWrite(ctx, request(ctx, 'CREATE', configMap({}))), []);
    assert.match(denial(() => admitWrite(ctx, request(ctx, 'CREATE', configMap({}, 'prod')))).message, /'prod-only'/);
    assert.match(denial(() => admitWrite(ctx, request(ctx, 'CREATE', configMap({}, 'default', { frozen: '' })))).message, /'labelled'/);
    assert.match(denial(() => admitWrite(ctx, request(ctx, 'CREATE', configMap({ locked: 'yes' })))).message, /'conditional'/);
  });

  it('sees the old object on UPDATE and DELETE, and variables', () => {
    const ctx = context();
    addPolicy(ctx, 'immutable', {
      variables: [{ name: 'before', expression: "oldObject == null ? '' : oldObject.data.color" }],
      validations: [{ expression: "request.operation == 'CREATE' || variables.before != 'locked'", message: 'locked objects stay' }],
    });
    const locked = configMap({ color: 'locked' });
    assert.deepEqual(admitWrite(ctx, request(ctx, 'CREATE', locked)), []);
    assert.match(denial(() => admitWrite(ctx, request(ctx, 'UPDATE', configMap({ color: 'free' }), locked))).message, /locked objects stay/);
    assert.match(denial(() => admitWrite(ctx, request(ctx, 'DELETE', undefined, locked))).message, /locked objects stay/);
  });

  it('denies on an expression error under failurePolicy Fail and skips the policy under Ignore', () => {
    const ctx = context();
    addPolicy(ctx, 'broken', { failurePolicy: 'Ignore', validations: [{ expression: 'object.data.missing == "x"' }] });
    assert.deepEqual(admitWrite(ctx, request(ctx, 'CREATE', configMap({}))), []);
    addPolicy(ctx, 'strict', { failurePolicy: 'Fail', validations: [{ expression: 'object.data.missing == "x"' }] });
    assert.match(denial(() => admitWrite(ctx, request(ctx, 'CREATE', configMap({})))).message, /'strict'.*expression 'object.data.missing == "x"' resulted in error/);
  });

  it('reads params through the binding\'s paramRef, and denies when none is found under parameterNotFoundAction Deny', () => {
    const ctx = context();
    addPolicy(
      ctx,
      'limits',
      { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'size(object.data) <= int(params.data.max)', message: 'too many keys' }] },
      { validationActions: ['Deny'], paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' } },
    );
    assert.match(denial(() => admitWrite(ctx, request(ctx, 'CREATE', configMap({ a: '1' })))).message, /no params found for policy binding with `Deny` parameterNotFoundAction/);
    ctx.store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'limits', namespace: 'default' }, data: { max: '1' } });
    assert.deepEqual(admitWrite(ctx, request(ctx, 'CREATE', configMap({ a: '1' }))), []);
    assert.match(denial(() => admitWrite(ctx, request(ctx, 'CREATE', configMap({ a: '1', b: '2' })))).message, /too many keys/);
  });
});
