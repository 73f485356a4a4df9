import assert from 'node:assert/strict';
import { statusDiffers, statusMergePatch } from '../../../reference-impl/controller/status/status-diff.ts';

const condition = { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'ok', observedGeneration: 1, lastTransitionTime: '2026-11-26T10:00:00Z' };

describe('status diff', () => {
  it('sees no difference when only key order differs', () => {
    const stored = { conditions: [{ lastTransitionTime: '2026-11-26T10:00:00Z', observedGeneration: 1, message: 'ok', reason: 'Accepted', status: 'True', type: 'Accepted' }] };
    assert.equal(statusDiffers({ conditions: [condition] }, stored), false);
  });

  it('sees a difference in any value, in array order and in missing or extra keys', () => {
    assert.equal(statusDiffers({ conditions: [{ ...condition, observedGeneration: 2 }] }, { conditions: [condition] }), true);
    assert.equal(statusDiffers({ conditions: [condition, { ...condition, type: 'Programmed' }] }, { conditions: [{ ...condition, type: 'Programmed' }, condition] }), true);
    assert.equal(statusDiffers({ conditions: [condition] }, { conditions: [condition], addresses: [] }), true);
    assert.equal(statusDiffers({ conditions: [condition] }, undefined), true);
    assert.equal(statusDiffers({ parents: [{ conditions: [condition] }] }, { parents: [{ conditions: [{ ...condition, message: 'other' }] }] }), true);
    assert.equal(statusDiffers({ conditions: [condition] }, { conditions: [condition, condition] }), true);
    assert.equal(statusDiffers({ conditions: [] }, { conditions: {} }), true);
    assert.equal(statusDiffers({ attachedRoutes: 0 }, { attachedRoutes: null }), true);
  });

  it('compares a Date with the RFC 3339 string JSON would carry', () => {
    const at = new Date('2026-11-26T10:00:00.000Z');
    assert.equal(statusDiffers({ conditions: [{ ...condition, lastTransitionTime: at }] }, { conditions: [{ ...condition, lastTransitionTime: at.toISOString() }] }), false);
    assert.equal(statusDiffers({ conditions: [{ ...condition, lastTransitionTime: at }] }, { conditions: [{ ...condition, lastTransitionTime: '2026-11-26T10:00:01.000Z' }] }), true);
  });

  it('treats an absent stored status like an empty one and ignores undefined fields', () => {
    assert.equal(statusDiffers({}, undefined), false);
    assert.equal(statusDiffers({ addresses: undefined, conditions: [condition] }, { conditions: [condition] }), false);
  });

  it('builds a merge patch that removes keys the desired status no longer has', () => {
    const patch = statusMergePatch({ conditions: [condition] }, { conditions: [], addresses: [{ type: 'IPAddress', value: '127.0.0.1' }] });
    assert.deepEqual(patch, { status: { conditions: [condition], addresses: null } });
    assert.deepEqual(statusMergePatch({ parents: [] }, undefined), { status: { parents: [] } });
  });
});
