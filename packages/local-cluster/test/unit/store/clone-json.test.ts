import assert from 'node:assert/strict';
import { cloneJson } from '../../../src/store/clone-json.ts';

describe('cloneJson', () => {
  it('copies every level, so changing the copy leaves the original alone', () => {
    const original = { metadata: { name: 'a', labels: { x: '1' } }, spec: { rules: [{ backendRefs: [{ name: 'b', port: 8080 }] }] }, empty: null };
    const copy = cloneJson(original);
    assert.deepEqual(copy, original);
    copy.metadata.labels.x = '2';
    (copy.spec.rules[0]?.backendRefs ?? []).push({ name: 'c', port: 1 });
    assert.equal(original.metadata.labels.x, '1');
    assert.equal(original.spec.rules[0]?.backendRefs.length, 1);
    assert.notEqual(copy.spec.rules, original.spec.rules);
  });

  it('keeps a field named __proto__ as a field, not as the prototype', () => {
    const original = JSON.parse('{"spec":{"__proto__":{"polluted":true},"ok":1}}') as { spec: Record<string, unknown> };
    const copy = cloneJson(original);
    assert.deepEqual(Object.keys(copy.spec), ['__proto__', 'ok']);
    assert.equal(Object.getPrototypeOf(copy.spec), Object.prototype);
    assert.equal((copy.spec as { polluted?: boolean }).polluted, undefined);
    assert.deepEqual(Object.getOwnPropertyDescriptor(copy.spec, '__proto__')?.value, { polluted: true });
  });

  it('copies values that are not plain JSON as structuredClone does', () => {
    const at = new Date('2026-12-03T07:00:00Z');
    const copy = cloneJson({ at, bytes: Buffer.from('hi'), missing: undefined });
    assert.ok(copy.at instanceof Date);
    assert.notEqual(copy.at, at);
    assert.equal(copy.at.getTime(), at.getTime());
    assert.ok('missing' in copy);
  });
});
