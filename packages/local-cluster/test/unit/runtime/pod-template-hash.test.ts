import assert from 'node:assert/strict';
import { canonicalJson, podTemplateHash } from '../../../src/runtime/pod-template-hash.ts';

describe('podTemplateHash', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'gateway-gauntlet/echo:1' }] } };

  it('is a short label-safe string, the same for the same template regardless of key order', () => {
    const hash = podTemplateHash(template);
    assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    const reordered = { spec: { containers: [{ image: 'gateway-gauntlet/echo:1', name: 'c' }] }, metadata: { labels: { app: 'web' } } };
    assert.equal(podTemplateHash(reordered), hash);
  });

  it('changes with the template and with the collision count', () => {
    const changed = structuredClone(template);
    changed.spec.containers[0] = { name: 'c', image: 'gateway-gauntlet/echo:2' };
    assert.notEqual(podTemplateHash(changed), podTemplateHash(template));
    assert.notEqual(podTemplateHash(template, 1), podTemplateHash(template, 0));
  });

  it('canonicalJson drops undefined fields and sorts keys', () => {
    assert.equal(canonicalJson({ b: 1, a: undefined, c: [{ y: 2, x: 1 }] }), '{"b":1,"c":[{"x":1,"y":2}]}');
  });
});
