import assert from 'node:assert/strict';
import { LoopbackAddressAllocator } from '../../../src/runtime/loopback-address-allocator.ts';
import { RuntimeError } from '../../../src/runtime/runtime-error.ts';

describe('LoopbackAddressAllocator', () => {
  it('hands out distinct addresses of its /16, never .0 or .255', () => {
    const allocator = new LoopbackAddressAllocator('127.10', 250);
    const addresses = Array.from({ length: 10 }, () => allocator.allocate());
    assert.equal(new Set(addresses).size, 10);
    for (const address of addresses) assert.match(address, /^127\.10\.\d{1,3}\.([1-9]\d?|1\d\d|2[0-4]\d|25[0-4])$/);
    assert.deepEqual(addresses.slice(3, 5), ['127.10.0.254', '127.10.1.1']);
  });

  it('never reuses an address that was not released, and reuses a released one only after a full cycle', () => {
    const allocator = new LoopbackAddressAllocator('127.10', 65_022);
    const first = allocator.allocate();
    const second = allocator.allocate();
    assert.equal(first, '127.10.255.253');
    assert.equal(second, '127.10.255.254');
    allocator.release(first);
    assert.equal(allocator.allocate(), '127.10.0.1', 'the cursor wraps instead of handing the released address back');
    assert.equal(allocator.inUseCount, 2);
  });

  it('skips addresses still in use after wrapping around', () => {
    const allocator = new LoopbackAddressAllocator('127.20', 0);
    const held = allocator.allocate(); // 127.20.0.1
    for (let i = 1; i < 256 * 254; i++) allocator.release(allocator.allocate());
    assert.notEqual(allocator.allocate(), held);
  });

  it('throws AddressesExhausted when every address is held', () => {
    const allocator = new LoopbackAddressAllocator('127.30', 0);
    for (let i = 0; i < 256 * 254; i++) allocator.allocate();
    assert.throws(() => allocator.allocate(), (error: unknown) => error instanceof RuntimeError && error.code === 'AddressesExhausted');
  });

  it('refuses 127.0.0.0/16, where 127.0.0.1 lives', () => {
    assert.throws(() => new LoopbackAddressAllocator('127.0'), (error: unknown) => error instanceof RuntimeError && error.code === 'BadAddressRange');
  });

  it('ignores releases of addresses it does not own', () => {
    const allocator = new LoopbackAddressAllocator('127.10', 0);
    allocator.allocate();
    allocator.release('127.20.0.1');
    allocator.release('not an address');
    assert.equal(allocator.inUseCount, 1);
  });
});
