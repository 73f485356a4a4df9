import assert from 'node:assert/strict';
import { FieldSet } from '../../../src/api/field-manager/field-set.ts';
import { describePath, fieldElement, keyElement, valueElement } from '../../../src/api/field-manager/path-element.ts';

const fieldsV1 = {
  'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
  'f:spec': {
    'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:targetPort': {} } },
    'f:replicas': {},
  },
};

describe('field sets (FieldsV1)', () => {
  it('reads FieldsV1 and writes it back the same, "." marking a node that is a member and has children', () => {
    const set = FieldSet.fromFieldsV1(fieldsV1);
    assert.deepEqual(set.toFieldsV1(), fieldsV1);
    assert.ok(set.has(['f:metadata', 'f:labels']));
    assert.ok(!set.has(['f:metadata']));
    assert.ok(set.has(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}', 'f:targetPort']));
  });

  it('refuses a key that is not a path element, naming where it is', () => {
    assert.throws(() => FieldSet.fromFieldsV1({ 'f:spec': { replicas: {} } }), /"replicas" in f:spec is not a field path element/);
  });

  it('computes union, intersection, difference and recursive difference', () => {
    const a = FieldSet.of([['f:spec', 'f:a'], ['f:spec', 'f:b'], ['f:status']]);
    const b = FieldSet.of([['f:spec', 'f:b'], ['f:spec', 'f:c']]);
    assert.deepEqual(a.union(b).paths(), [['f:status'], ['f:spec', 'f:a'], ['f:spec', 'f:b'], ['f:spec', 'f:c']]);
    assert.deepEqual(a.intersection(b).paths(), [['f:spec', 'f:b']]);
    assert.deepEqual(a.difference(b).paths(), [['f:status'], ['f:spec', 'f:a']]);
    // A member of the other set takes everything beneath it along.
    assert.deepEqual(a.recursiveDifference(FieldSet.of([['f:spec']])).paths(), [['f:status']]);
    assert.deepEqual(a.difference(FieldSet.of([['f:spec']])).paths(), a.paths());
    assert.ok(a.difference(a).isEmpty());
  });

  it('prints paths as the API server does in conflict messages', () => {
    const path = [fieldElement('spec'), fieldElement('listeners'), keyElement({ name: 'http' }), fieldElement('port')];
    assert.equal(describePath(path), '.spec.listeners[name="http"].port');
    assert.equal(describePath([fieldElement('spec'), fieldElement('ports'), keyElement({ protocol: 'TCP', port: 80 })]), '.spec.ports[port=80,protocol="TCP"]');
    assert.equal(describePath([fieldElement('metadata'), fieldElement('finalizers'), valueElement('example.com/x')]), '.metadata.finalizers[="example.com/x"]');
  });
});
