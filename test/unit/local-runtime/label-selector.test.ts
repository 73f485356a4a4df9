import assert from 'node:assert/strict';
import { matchesLabelSelector, matchesServiceSelector } from '../../../harness/cluster/local/runtime/label-selector.ts';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' };

  it('matches matchLabels and every matchExpressions operator', () => {
    assert.equal(matchesLabelSelector({ matchLabels: { app: 'web' } }, labels), true);
    assert.equal(matchesLabelSelector({ matchLabels: { app: 'db' } }, labels), false);
    assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels), true);
    assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels), false);
    assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels), true);
    assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels), true);
    assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels), false);
    assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, labels), false);
  });

  it('selects nothing with an empty workload selector', () => {
    assert.equal(matchesLabelSelector({}, labels), false);
    assert.equal(matchesLabelSelector(undefined, labels), false);
  });

  it('matches a Service selector only when every key matches, and never when it is empty', () => {
    assert.equal(matchesServiceSelector({ app: 'web' }, labels), true);
    assert.equal(matchesServiceSelector({ app: 'web', tier: 'back' }, labels), false);
    assert.equal(matchesServiceSelector({}, labels), false);
  });
});
