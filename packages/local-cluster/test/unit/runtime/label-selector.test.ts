import assert from 'node:assert/strict';
import { matchesServiceSelector } from '../../../src/runtime/label-selector.ts';

describe('Service label selectors', () => {
  const labels = { app: 'web', tier: 'front' };

  it('matches a Service selector only when every key matches, and never when it is empty', () => {
    assert.equal(matchesServiceSelector({ app: 'web' }, labels), true);
    assert.equal(matchesServiceSelector({ app: 'web', tier: 'back' }, labels), false);
    assert.equal(matchesServiceSelector({}, labels), false);
  });
});
