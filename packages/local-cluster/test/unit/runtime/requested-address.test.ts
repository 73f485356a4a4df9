import assert from 'node:assert/strict';
import { AddressBlock } from '../../../src/runtime/address-block.ts';
import { ON_REQUEST_ADDRESSES } from '../../../src/runtime/cluster-network.ts';
import { LoopbackAddressAllocator } from '../../../src/runtime/loopback-address-allocator.ts';
import { claimRequestedAddress, freeOnRequestAddress } from '../../../src/runtime/requested-address.ts';

describe('claimRequestedAddress', () => {
  const pools = () => ({ automatic: new LoopbackAddressAllocator(new AddressBlock('127.20', 60, 4)), holderOf: () => undefined });

  it('claims an address of the shared pool for one holder at a time, across allocators (another cluster)', async () => {
    const address = await freeOnRequestAddress();
    assert.ok(ON_REQUEST_ADDRESSES.contains(address));
    const first = await claimRequestedAddress(address, pools());
    assert.equal(first.ok, true);
    const second = await claimRequestedAddress(address, pools());
    assert.deepEqual(second.ok ? 'given twice' : [second.reason, second.retry], ['InUse', true]);
    if (first.ok) await first.release();
    const again = await claimRequestedAddress(address, pools());
    assert.equal(again.ok, true, 'free again once released');
    if (again.ok) await again.release();
  });

  it('refuses what no pool holds, IPv6 and text that is no address, without retrying', async () => {
    for (const [requested, reason] of [
      ['192.0.2.10', 'NotInPool'],
      ['127.20.0.1', 'NotInPool'],
      ['fd00::1', 'NotAnAddress'],
      ['gw.example.com', 'NotAnAddress'],
    ] as const) {
      const claim = await claimRequestedAddress(requested, pools());
      assert.deepEqual(claim.ok ? 'given' : [claim.reason, claim.retry], [reason, false], requested);
    }
  });

  it("names the Service of this cluster that holds an address of its own block", async () => {
    const claim = await claimRequestedAddress('127.20.60.7', { ...pools(), holderOf: (ip) => (ip === '127.20.60.7' ? 'ns/first' : undefined) });
    assert.equal(claim.ok ? '' : claim.message, '127.20.60.7 is already in use: Service ns/first holds it');
  });
});
