import assert from 'node:assert/strict';
import { gatewayAddressOf, LOCAL_UNUSABLE_ADDRESS, splitLackingAddresses, staticAddressesFor } from '../../../harness/run/static-address-flags.ts';
import type { Scenario } from '../../../harness/scenario/scenario-types.ts';

describe('static address flags', () => {
  it('types an IP address IPAddress and anything else Hostname, as upstream reads --usable-address', () => {
    assert.deepEqual(gatewayAddressOf('127.40.0.9'), { type: 'IPAddress', value: '127.40.0.9' });
    assert.deepEqual(gatewayAddressOf('fd00::1'), { type: 'IPAddress', value: 'fd00::1' });
    assert.deepEqual(gatewayAddressOf('gw.example.com'), { type: 'Hostname', value: 'gw.example.com' });
  });

  it('offers defaults on the local cluster only: a free on-request address and one in no pool; given flags win', async () => {
    const local = await staticAddressesFor({}, true);
    assert.match(local.usableAddress?.value ?? '', /^127\.40\.\d+\.\d+$/);
    assert.deepEqual(local.unusableAddress, { type: 'IPAddress', value: LOCAL_UNUSABLE_ADDRESS });
    assert.deepEqual(await staticAddressesFor({}, false), {});
    assert.deepEqual(await staticAddressesFor({ usableAddress: '10.0.0.7', unusableAddress: 'x.example' }, true), {
      usableAddress: { type: 'IPAddress', value: '10.0.0.7' },
      unusableAddress: { type: 'Hostname', value: 'x.example' },
    });
  });

  it('skips a scenario lacking addresses, naming the flags that give them', () => {
    const lacking = { id: 'needs', lacksRunValues: ['USABLE_ADDRESS', 'USABLE_ADDRESS_TYPE', 'UNUSABLE_ADDRESS'] } as Scenario;
    const plain = { id: 'plain' } as Scenario;
    const { runnable, skipped } = splitLackingAddresses([lacking, plain]);
    assert.deepEqual(runnable, [plain]);
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0]?.because, 'flag');
    assert.match(skipped[0]?.reason ?? '', /pass --usable-address and --unusable-address/);
  });
});
