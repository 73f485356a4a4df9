import assert from 'node:assert/strict';
import { RetryBudget } from '../../../reference-impl/proxy/upstream/retry-budget.ts';

const stale = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });

describe('retry budget', () => {
  it('retries listed codes while attempts remain, attempts counting the first one', () => {
    const budget = new RetryBudget({ codes: [500, 503], attempts: 3, backoffMs: 100 });
    assert.equal(budget.retryStatus(404), false);
    assert.equal(budget.retryStatus(500), true);
    assert.equal(budget.retryStatus(503), true);
    assert.equal(budget.retryStatus(500), false, 'the third attempt is the last');
    assert.equal(budget.backoffMs, 100);
  });

  it('retries connection failures with the backoff, sharing the same attempts', () => {
    const budget = new RetryBudget({ codes: [], attempts: 2, backoffMs: 0 });
    assert.equal(budget.afterError(refused), 'backoff');
    assert.equal(budget.afterError(refused), 'none');
  });

  it('without a retry, resends once at once after a dead keep-alive connection, and only then', () => {
    const budget = new RetryBudget(undefined);
    assert.equal(budget.retryStatus(500), false);
    assert.equal(budget.afterError(refused), 'none');
    assert.equal(budget.afterError(stale), 'now');
    assert.equal(budget.afterError(stale), 'none');
  });
});
