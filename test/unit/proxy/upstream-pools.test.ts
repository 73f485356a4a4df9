import assert from 'node:assert/strict';
import { UpstreamPools } from '../../../reference-impl/proxy/upstream/upstream-pools.ts';

describe('upstream pools', () => {
  const pools = new UpstreamPools({ connectTimeoutMs: 1000, keepAliveTimeoutMs: 1000 });
  after(() => pools.closeAll());

  it('gives one pool per endpoint, shared by equal endpoints of different IR objects', () => {
    const a = pools.forEndpoint({ address: '127.0.0.9', port: 8080 });
    const again = pools.forEndpoint({ address: '127.0.0.9', port: 8080 });
    const other = pools.forEndpoint({ address: '127.0.0.9', port: 8081 });
    assert.equal(a.pool, again.pool);
    assert.notEqual(a.pool, other.pool);
    assert.equal(a.name, '127.0.0.9:8080');
    assert.equal(pools.forEndpoint({ address: '::1', port: 80 }).name, '[::1]:80');
  });

  it('replaces the pool of an endpoint object whose pool was closed when it left the IR', () => {
    const endpoint = { address: '127.0.0.9', port: 9090 };
    const first = pools.forEndpoint(endpoint);
    pools.retainOnly(new Set());
    assert.ok(first.pool.closed);
    const second = pools.forEndpoint(endpoint);
    assert.notEqual(second.pool, first.pool);
    assert.equal(second.pool.closed, false);
  });
});
