import assert from 'node:assert/strict';
import {
  CrdSchemaError,
  compileCrdValidators,
  formatFieldCause,
  invalidObjectMessage,
} from '../../../src/crd/crd-validator.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

function crdWith(specSchema: Record<string, unknown>, extraVersions: Record<string, unknown>[] = []): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.test.gauntlet.dev' },
    spec: {
      group: 'test.gauntlet.dev',
      names: { kind: 'Widget', plural: 'widgets' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } } },
                spec: specSchema,
              },
            },
          },
        },
        ...extraVersions,
      ],
    },
  };
}

function widget(spec: unknown, name = 'w'): KubeObject {
  return { apiVersion: 'test.gauntlet.dev/v1', kind: 'Widget', metadata: { name, namespace: 'default', labels: { a: 'b' } }, spec };
}

function validatorOf(specSchema: Record<string, unknown>) {
  const validator = compileCrdValidators(crdWith(specSchema)).get('v1');
  assert.ok(validator !== undefined);
  return validator;
}

describe('CRD validator on hand-written CRDs', () => {
  it('prunes undeclared fields, keeps preserved ones, maps and metadata, and reports what it dropped', () => {
    const validator = validatorOf({
      type: 'object',
      properties: {
        size: { type: 'integer' },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
        parts: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
      },
    });
    const result = validator.validate(
      widget({ size: 1, extra: true, free: { anything: { goes: 1 } }, tags: { x: 'y' }, parts: [{ id: 'a', junk: 1 }] }),
    );
    assert.deepEqual(result.causes, []);
    assert.deepEqual(result.object.spec, { size: 1, free: { anything: { goes: 1 } }, tags: { x: 'y' }, parts: [{ id: 'a' }] });
    assert.deepEqual(result.object.metadata, { name: 'w', namespace: 'default', labels: { a: 'b' } });
    assert.deepEqual(result.unknownFields.sort(), ['spec.extra', 'spec.parts[0].junk']);
  });

  it('applies defaults, also in list items, and drops nulls of non-nullable fields so that defaults fill them', () => {
    const validator = validatorOf({
      type: 'object',
      properties: {
        mode: { type: 'string', default: 'Fast' },
        note: { type: 'string', nullable: true },
        items: { type: 'array', items: { type: 'object', properties: { weight: { type: 'integer', default: 1 } } } },
      },
    });
    const result = validator.validate(widget({ mode: null, note: null, items: [{}, { weight: 5 }] }));
    assert.deepEqual(result.causes, []);
    assert.deepEqual(result.object.spec, { mode: 'Fast', note: null, items: [{ weight: 1 }, { weight: 5 }] });
  });

  it('words schema failures the Kubernetes way', () => {
    const validator = validatorOf({
      type: 'object',
      required: ['kind'],
      properties: {
        kind: { type: 'string', enum: ['A', 'B'] },
        name: { type: 'string', maxLength: 3, minLength: 2 },
        list: { type: 'array', maxItems: 1, items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        ratio: { type: 'number', minimum: 0 },
        when: { type: 'string', format: 'date-time' },
        count: { 'x-kubernetes-int-or-string': true },
      },
    });
    const result = validator.validate(widget({ kind: 'C', name: 'long', list: ['x', 'x'], ratio: -1, when: 'yesterday', count: '50%' }));
    assert.deepEqual(result.causes.map(formatFieldCause).sort(), [
      'spec.kind: Unsupported value: "C": supported values: "A", "B"',
      'spec.list: Too many: 2: must have at most 1 items',
      'spec.list[1]: Duplicate value: "x"',
      'spec.name: Too long: may not be more than 3 bytes',
      'spec.ratio: Invalid value: -1: spec.ratio in body should be greater than or equal to 0',
      'spec.when: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"',
    ]);
    const reasons = new Set(result.causes.map((cause) => cause.reason));
    assert.deepEqual([...reasons].sort(), ['FieldValueDuplicate', 'FieldValueInvalid', 'FieldValueNotSupported', 'FieldValueTooLong', 'FieldValueTooMany']);
    assert.deepEqual(validator.validate(widget({})).causes, [{ field: 'spec.kind', reason: 'FieldValueRequired', message: 'Required value' }]);
    assert.deepEqual(validator.validate(widget({ kind: 'A', count: true })).causes[0]?.reason, 'FieldValueTypeInvalid');
  });

  it('checks metadata.name only, as far as the schema constrains it', () => {
    const validator = validatorOf({ type: 'object' });
    const { causes } = validator.validate(widget({}, 'far-too-long-name'));
    assert.deepEqual(causes.map((cause) => cause.field), ['metadata.name']);
    assert.equal(causes[0]?.reason, 'FieldValueTooLong');
  });

  it('honours message, messageExpression, fieldPath and reason of CEL rules, with integers as CEL ints', () => {
    const validator = validatorOf({
      type: 'object',
      properties: { min: { type: 'integer' }, max: { type: 'integer' }, name: { type: 'string' } },
      'x-kubernetes-validations': [
        { rule: 'self.min <= self.max', messageExpression: "'min ' + string(self.min) + ' exceeds max ' + string(self.max)", fieldPath: '.min' },
        { rule: "has(self.name)", message: 'name is required', reason: 'FieldValueRequired' },
        { rule: "!has(self.name) || self.name != 'forbidden'", reason: 'FieldValueForbidden', message: 'that name is reserved' },
        { rule: 'self.max < 100' },
      ],
    });
    assert.deepEqual(validator.validate(widget({ min: 1, max: 2, name: 'ok' })).causes, []);
    assert.deepEqual(validator.validate(widget({ min: 300, max: 200 })).causes, [
      { field: 'spec.min', reason: 'FieldValueInvalid', message: 'Invalid value: "object": min 300 exceeds max 200' },
      { field: 'spec', reason: 'FieldValueRequired', message: 'Required value: name is required' },
      { field: 'spec', reason: 'FieldValueInvalid', message: 'Invalid value: "object": failed rule: self.max < 100' },
    ]);
    assert.deepEqual(validator.validate(widget({ min: 1, max: 2, name: 'forbidden' })).causes, [
      { field: 'spec', reason: 'FieldValueForbidden', message: 'Forbidden: that name is reserved' },
    ]);
  });

  it('reports a rule that errors at runtime instead of crashing', () => {
    const validator = validatorOf({ type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-validations': [{ rule: "self.a == 'x'" }] });
    const { causes } = validator.validate(widget({}));
    assert.equal(causes.length, 1);
    assert.match(causes[0]?.message ?? '', /evaluating rule: self\.a == 'x'$/);
  });

  it('runs transition rules only with an old object, correlating map-list items by key', () => {
    const validator = validatorOf({
      type: 'object',
      properties: {
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, number: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'immutable' }] } },
          },
        },
      },
    });
    const old = widget({ ports: [{ name: 'a', number: 1 }] });
    assert.deepEqual(validator.validate(widget({ ports: [{ name: 'b', number: 9 }, { name: 'a', number: 1 }] }), old).causes, []);
    assert.deepEqual(validator.validate(widget({ ports: [{ name: 'b', number: 9 }, { name: 'a', number: 2 }] }), old).causes.map(formatFieldCause), [
      'spec.ports[1].number: Invalid value: "integer": immutable',
    ]);
    assert.deepEqual(validator.validate(widget({ ports: [{ name: 'a', number: 2 }, { name: 'a', number: 3 }] })).causes.map(formatFieldCause), [
      'spec.ports[1]: Duplicate value: map[string]interface {}{"name":"a"}',
    ]);
  });

  it('ratchets on updates: a rule without oldSelf skips a node equal to the old one, a transition rule still runs', () => {
    const validator = validatorOf({
      type: 'object',
      properties: {
        limit: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self < 10', message: 'below 10' }] },
        serial: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self != oldSelf', message: 'must change on every update' }] },
        note: { type: 'string' },
      },
    });
    const old = widget({ limit: 20, serial: 1, note: 'a' });
    // limit is invalid but unchanged: Kubernetes keeps such objects writable; serial's transition rule still runs.
    assert.deepEqual(validator.validate(widget({ limit: 20, serial: 2, note: 'b' }), old).causes, []);
    assert.deepEqual(validator.validate(widget({ limit: 20, serial: 1, note: 'b' }), old).causes.map(formatFieldCause), [
      'spec.serial: Invalid value: "integer": must change on every update',
    ]);
    assert.deepEqual(validator.validate(widget({ limit: 21, serial: 2 }), old).causes.map(formatFieldCause), ['spec.limit: Invalid value: "integer": below 10']);
    assert.deepEqual(validator.validate(widget({ limit: 20, serial: 2 })).causes.map(formatFieldCause), ['spec.limit: Invalid value: "integer": below 10']);
  });

  it('reports a rule that does not compile once, naming the CRD, and keeps validating the rest', () => {
    const validator = validatorOf({
      type: 'object',
      'x-kubernetes-validations': [{ rule: 'self.a ==' }, { rule: 'false', message: 'always fails' }],
    });
    assert.equal(validator.problems.length, 1);
    assert.match(validator.problems[0] ?? '', /widgets\.test\.gauntlet\.dev.*version v1.*self\.a ==/);
    assert.deepEqual(validator.validate(widget({})).causes.map(formatFieldCause), ['spec: Invalid value: "object": always fails']);
  });

  it('throws CrdSchemaError naming the CRD and version for an unusable schema, and skips unserved versions', () => {
    assert.throws(
      () => compileCrdValidators(crdWith({ type: 'object' }, [{ name: 'v2', served: true, storage: false }])),
      (error: unknown) => error instanceof CrdSchemaError && error.code === 'CrdSchemaInvalid' && /widgets\.test\.gauntlet\.dev" version v2/.test(error.message),
    );
    assert.throws(
      () => compileCrdValidators(crdWith({ type: 'object', properties: { a: { type: 'string', pattern: '(' } } })),
      (error: unknown) => error instanceof CrdSchemaError && error.version === 'v1',
    );
    const validators = compileCrdValidators(crdWith({ type: 'object' }, [{ name: 'v0', served: false, storage: false }]));
    assert.deepEqual([...validators.keys()], ['v1']);
  });

  it('builds the Status message of a 422 like the API server', () => {
    const cause = { field: 'spec.a', reason: 'FieldValueRequired' as const, message: 'Required value' };
    assert.equal(invalidObjectMessage('Widget', 'test.gauntlet.dev', 'w', [cause]), 'Widget.test.gauntlet.dev "w" is invalid: spec.a: Required value');
    assert.equal(invalidObjectMessage('Widget', 'test.gauntlet.dev', 'w', [cause, cause]), 'Widget.test.gauntlet.dev "w" is invalid: [spec.a: Required value, spec.a: Required value]');
  });
});
