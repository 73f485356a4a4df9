import assert from 'node:assert/strict';
import { applyPatch, PatchError, patchTypeOfContentType } from '../../../src/api/patch/apply-patch.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

const routeTarget = { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'HTTPRoute', builtIn: false };

function route(): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web', 'a/b': 'x', 'c~d': 'y' } },
    spec: { hostnames: ['a.example.com', 'b.example.com'], rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }] },
  };
}

function expectPatchError(action: () => unknown, code: string, status: number): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof PatchError, `expected PatchError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.httpStatus, status);
    return true;
  });
}

describe('patchTypeOfContentType', () => {
  it('maps every PATCH media type and ignores parameters', () => {
    assert.equal(patchTypeOfContentType('application/json-patch+json'), 'json');
    assert.equal(patchTypeOfContentType('application/merge-patch+json; charset=utf-8'), 'merge');
    assert.equal(patchTypeOfContentType('application/strategic-merge-patch+json'), 'strategic');
    assert.equal(patchTypeOfContentType('application/apply-patch+yaml'), 'apply');
  });

  it('returns undefined for other or missing types', () => {
    assert.equal(patchTypeOfContentType('application/json'), undefined);
    assert.equal(patchTypeOfContentType(undefined), undefined);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('adds, replaces, removes, copies and moves, with pointer escaping', () => {
    const current = route();
    const result = applyPatch(
      'json',
      current,
      [
        { op: 'add', path: '/spec/hostnames/-', value: 'c.example.com' },
        { op: 'add', path: '/spec/hostnames/0', value: 'z.example.com' },
        { op: 'replace', path: '/metadata/labels/a~1b', value: 'changed' },
        { op: 'remove', path: '/metadata/labels/c~0d' },
        { op: 'copy', from: '/spec/rules/0', path: '/spec/rules/1' },
        { op: 'move', from: '/metadata/labels/app', path: '/metadata/labels/application' },
        { op: 'test', path: '/spec/rules/1/backendRefs/0/port', value: 80 },
      ],
      routeTarget,
    );
    assert.deepEqual(result.spec, {
      hostnames: ['z.example.com', 'a.example.com', 'b.example.com', 'c.example.com'],
      rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }, { backendRefs: [{ name: 'svc', port: 80 }] }],
    });
    assert.deepEqual(result.metadata.labels, { 'a/b': 'changed', application: 'web' });
    assert.deepEqual(current, route(), 'the current object is left untouched');
  });

  it('accepts the body as a JSON string', () => {
    const result = applyPatch('json', route(), '[{"op":"replace","path":"/spec/hostnames/1","value":"x.io"}]', routeTarget);
    assert.deepEqual((result.spec as { hostnames: string[] }).hostnames, ['a.example.com', 'x.io']);
  });

  it('replaces the whole document for the root path', () => {
    const replacement = { ...route(), spec: { hostnames: ['root.example.com'] } };
    assert.deepEqual(applyPatch('json', route(), [{ op: 'replace', path: '', value: replacement }], routeTarget), replacement);
  });

  it('answers 422 Invalid when a test fails or a path is missing', () => {
    expectPatchError(() => applyPatch('json', route(), [{ op: 'test', path: '/kind', value: 'Gateway' }], routeTarget), 'Invalid', 422);
    expectPatchError(() => applyPatch('json', route(), [{ op: 'remove', path: '/spec/nothing' }], routeTarget), 'Invalid', 422);
    expectPatchError(() => applyPatch('json', route(), [{ op: 'replace', path: '/spec/hostnames/5', value: 'x' }], routeTarget), 'Invalid', 422);
  });

  it('answers 400 BadRequest for a malformed patch document', () => {
    expectPatchError(() => applyPatch('json', route(), { op: 'add' }, routeTarget), 'BadRequest', 400);
    expectPatchError(() => applyPatch('json', route(), [{ op: 'frobnicate', path: '/a' }], routeTarget), 'BadRequest', 400);
    expectPatchError(() => applyPatch('json', route(), '[{"op":', routeTarget), 'BadRequest', 400);
  });

  it('refuses a patch that changes the kind', () => {
    expectPatchError(() => applyPatch('json', route(), [{ op: 'replace', path: '/kind', value: 'Gateway' }], routeTarget), 'Invalid', 422);
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges maps, deletes with null and replaces lists', () => {
    const result = applyPatch(
      'merge',
      route(),
      { metadata: { labels: { app: null, tier: 'front' } }, spec: { hostnames: ['only.example.com'] } },
      routeTarget,
    );
    assert.deepEqual(result.metadata.labels, { 'a/b': 'x', 'c~d': 'y', tier: 'front' });
    assert.deepEqual(result.spec, { hostnames: ['only.example.com'], rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }] });
  });

  it('answers 404 NotFound without a current object and 400 for a non-object body', () => {
    expectPatchError(() => applyPatch('merge', undefined, { spec: {} }, routeTarget), 'NotFound', 404);
    expectPatchError(() => applyPatch('merge', route(), [1, 2], routeTarget), 'BadRequest', 400);
  });
});

describe('patches with a field named __proto__', () => {
  it('store it as a plain field instead of changing the prototype', () => {
    const patch = JSON.parse('{"spec":{"__proto__":{"polluted":true}}}');
    const result = applyPatch('merge', route(), patch, routeTarget);
    const spec = result.spec as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(spec), Object.prototype);
    assert.equal((spec as { polluted?: boolean }).polluted, undefined);
    assert.deepEqual(Object.getOwnPropertyDescriptor(spec, '__proto__')?.value, { polluted: true });
  });
});
