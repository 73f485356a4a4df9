import assert from 'node:assert/strict';
import { connectionsCheckingIntervalMs, DEFAULT_CLIENT_LIMITS, resolveClientLimits } from '../../../reference-impl/proxy/listeners/client-limits.ts';

describe('client limits', () => {
  it('fills in the defaults around the given limits', () => {
    assert.deepEqual(resolveClientLimits(), DEFAULT_CLIENT_LIMITS);
    assert.deepEqual(resolveClientLimits({ maxConnections: 5 }), { ...DEFAULT_CLIENT_LIMITS, maxConnections: 5 });
  });

  it('refuses limits that cannot work, naming the field', () => {
    assert.throws(() => resolveClientLimits({ idleTimeoutMs: 0 }), { code: 'PROXY_CLIENT_LIMITS_INVALID', message: /idleTimeoutMs must be a positive integer/ });
    assert.throws(() => resolveClientLimits({ maxConnections: 1.5 }), { code: 'PROXY_CLIENT_LIMITS_INVALID', message: /maxConnections/ });
    assert.throws(() => resolveClientLimits({ headersTimeoutMs: 2000, requestTimeoutMs: 1000 }), { code: 'PROXY_CLIENT_LIMITS_INVALID', message: /must not exceed requestTimeoutMs/ });
  });

  it('checks for expired requests often enough that a timeout is at most a quarter late, within bounds', () => {
    assert.equal(connectionsCheckingIntervalMs(resolveClientLimits({ headersTimeoutMs: 600 })), 150);
    assert.equal(connectionsCheckingIntervalMs(resolveClientLimits({ headersTimeoutMs: 100 })), 50);
    assert.equal(connectionsCheckingIntervalMs(DEFAULT_CLIENT_LIMITS), 15_000);
  });
});
