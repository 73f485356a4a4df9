import assert from 'node:assert/strict';
import { matchesFields, parseFieldSelector } from '../../../src/api/field-selector.ts';
import { matchesLabels, parseLabelSelector } from '../../../src/api/label-selector.ts';
import { ApiError } from '../../../src/store/api-error.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

function labelsMatch(selector: string, labels: Record<string, string>): boolean {
  return matchesLabels(parseLabelSelector(selector), labels);
}

describe('label selectors', () => {
  it('supports =, == and !=', () => {
    assert.equal(labelsMatch('app=web', { app: 'web' }), true);
    assert.equal(labelsMatch('app==web', { app: 'api' }), false);
    assert.equal(labelsMatch('app!=web', { app: 'api' }), true);
    assert.equal(labelsMatch('app!=web', {}), true);
    assert.equal(labelsMatch('app!=web', { app: 'web' }), false);
  });

  it('supports in, notin, exists and does-not-exist, combined with commas', () => {
    assert.equal(labelsMatch('tier in (front, back),app', { tier: 'back', app: 'x' }), true);
    assert.equal(labelsMatch('tier in (front,back),app', { tier: 'back' }), false);
    assert.equal(labelsMatch('tier notin (front,back)', { tier: 'mid' }), true);
    assert.equal(labelsMatch('tier notin (front,back)', { tier: 'front' }), false);
    assert.equal(labelsMatch('!canary', { app: 'web' }), true);
    assert.equal(labelsMatch('!canary', { canary: 'yes' }), false);
    assert.equal(labelsMatch('', { anything: 'x' }), true);
  });

  it('rejects a malformed selector with a BadRequest that shows the accepted forms', () => {
    assert.throws(
      () => parseLabelSelector('app in web'),
      (e: unknown) => e instanceof ApiError && e.code === 400 && /key in \(a,b\)/.test(e.message),
    );
  });
});

describe('field selectors', () => {
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default' },
    status: { phase: 'Running' },
  };

  it('matches metadata.name, metadata.namespace and other dotted paths with = and !=', () => {
    assert.equal(matchesFields(parseFieldSelector('metadata.name=web-1'), object), true);
    assert.equal(matchesFields(parseFieldSelector('metadata.name==web-2'), object), false);
    assert.equal(matchesFields(parseFieldSelector('metadata.namespace=default,status.phase!=Pending'), object), true);
    assert.equal(matchesFields(parseFieldSelector('status.phase!=Running'), object), false);
  });

  it('rejects a requirement without an operator', () => {
    assert.throws(() => parseFieldSelector('metadata.name'), (e: unknown) => e instanceof ApiError && e.code === 400);
  });
});
