import assert from 'node:assert/strict';
import { AddressBlock } from '../../../src/runtime/address-block.ts';
import { LoopbackAddressAllocator } from '../../../src/runtime/loopback-address-allocator.ts';
import { RuntimeError } from '../../../src/runtime/runtime-error.ts';

describe('AddressBlock', () => {
  it('covers whole third octets of its /16, hosts .1 to .254', () => {
    const block = new AddressBlock('127.10', 4, 4);
    assert.equal(block.size, 4 * 254);
    assert.equal(block.description, '127.10.4.0/22');
    assert.equal(block.address(0), '127.10.4.1');
    assert.equal(block.address(254), '127.10.5.1');
    assert.equal(block.address(block.size - 1), '127.10.7.254');
    assert.ok(block.contains('127.10.7.254'));
    for (const outside of ['127.10.3.254', '127.10.8.1', '127.10.4.0', '127.10.4.255', '127.20.4.1', '127.10.4', '127.10.4.1.2', 'x']) {
      assert.equal(block.contains(outside), false, outside);
    }
  });

  it('refuses 127.0.0.0/16, where 127.0.0.1 lives, and octets past 255', () => {
    assert.throws(() => new AddressBlock('127.0'), (error: unknown) => error instanceof RuntimeError && error.code === 'BadAddressRange');
    assert.throws(() => new AddressBlock('127.10', 254, 4), (error: unknown) => error instanceof RuntimeError && error.code === 'BadAddressRange');
  });
});

describe('LoopbackAddressAllocator', () => {
  it('hands out distinct addresses of its block, never .0 or .255', () => {
    const allocator = new LoopbackAddressAllocator(new AddressBlock('127.10'), 250);
    const addresses = Array.from({ length: 10 }, () => allocator.allocate());
    assert.equal(new Set(addresses).size, 10);
    for (const address of addresses) assert.match(address, /^127\.10\.\d{1,3}\.([1-9]\d?|1\d\d|2[0-4]\d|25[0-4])$/);
    assert.deepEqual(addresses.slice(3, 5), ['127.10.0.254', '127.10.1.1']);
  });

  it('stays inside a block of a few third octets', () => {
    const block = new AddressBlock('127.20', 8, 4);
    const allocator = new LoopbackAddressAllocator(block);
    assert.equal(allocator.allocate(), '127.20.8.1');
    for (let i = 1; i < block.size; i++) assert.ok(block.contains(allocator.allocate()));
    assert.throws(() => allocator.allocate(), (error: unknown) => error instanceof RuntimeError && error.code === 'AddressesExhausted' && /127\.20\.8\.0\/22/.test(error.message));
  });

  it('never reuses an address that was not released, and reuses a released one only after a full cycle', () => {
    const allocator = new LoopbackAddressAllocator(new AddressBlock('127.10'), 65_022);
    const first = allocator.allocate();
    const second = allocator.allocate();
    assert.equal(first, '127.10.255.253');
    assert.equal(second, '127.10.255.254');
    allocator.release(first);
    assert.equal(allocator.allocate(), '127.10.0.1', 'the cursor wraps instead of handing the released address back');
    assert.equal(allocator.inUseCount, 2);
  });

  it('skips addresses still in use after wrapping around', () => {
    const allocator = new LoopbackAddressAllocator(new AddressBlock('127.20', 0, 2));
    const held = allocator.allocate(); // 127.20.0.1
    for (let i = 1; i < 2 * 254; i++) allocator.release(allocator.allocate());
    assert.notEqual(allocator.allocate(), held);
  });

  it('ignores releases of addresses it does not own', () => {
    const allocator = new LoopbackAddressAllocator(new AddressBlock('127.10', 0, 1));
    allocator.allocate();
    allocator.release('127.20.0.1');
    allocator.release('127.10.1.1');
    allocator.release('not an address');
    assert.equal(allocator.inUseCount, 1);
  });

  it('gives a requested address of its block once, never one outside it, and not to allocate() while held', () => {
    const allocator = new LoopbackAddressAllocator(new AddressBlock('127.20', 0, 1));
    assert.equal(allocator.claim('127.20.0.1'), true);
    assert.equal(allocator.claim('127.20.0.1'), false, 'already held');
    assert.equal(allocator.claim('127.40.0.1'), false, 'outside the block');
    assert.notEqual(allocator.allocate(), '127.20.0.1');
    allocator.release('127.20.0.1');
    assert.equal(allocator.claim('127.20.0.1'), true);
  });
});
