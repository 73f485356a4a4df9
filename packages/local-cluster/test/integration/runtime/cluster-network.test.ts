// Two local clusters on one machine never share addresses: each claims a slot with a listening socket the
// kernel holds for it, the next one takes the next free slot, and a slot comes back only when every
// holder of the claim (the cluster, and pod processes that inherited it) is gone.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLAIM_PORT, type ClusterNetwork, claimClusterNetwork, nodeAddressOf } from '../../../src/runtime/cluster-network.ts';

describe('cluster network claims (integration)', () => {
  const held: ClusterNetwork[] = [];
  afterEach(async () => {
    await Promise.all(held.splice(0).map((network) => network.release()));
  });

  it('gives concurrent clusters distinct slots, node addresses and address blocks', async () => {
    const [a, b] = await Promise.all([claimClusterNetwork(), claimClusterNetwork()]);
    assert.ok(a && b);
    held.push(a, b);
    assert.notEqual(a.slot, b.slot);
    assert.notEqual(a.nodeAddress, b.nodeAddress);
    assert.equal(a.nodeAddress, nodeAddressOf(a.slot));
    assert.equal(a.pods.contains(b.pods.address(0)), false);
    assert.equal(a.loadBalancers.contains(b.loadBalancers.address(0)), false);
    assert.ok(a.claimFd > 2, 'the claim has a descriptor pod processes can inherit');
  });

  it('keeps a slot taken while a process that inherited the claim lives, and frees it after', async () => {
    const first = await claimClusterNetwork();
    const inheritor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: ['ignore', 'ignore', 'ignore', first.claimFd] });
    await first.release();
    const meanwhile = await claimClusterNetwork();
    held.push(meanwhile);
    assert.notEqual(meanwhile.slot, first.slot, `slot ${first.slot} (${nodeAddressOf(first.slot)}:${CLAIM_PORT}) is still held by pid ${inheritor.pid}`);
    inheritor.kill('SIGKILL');
    await new Promise((resolve) => inheritor.once('exit', resolve));
    const reclaimed = await claimClusterNetwork();
    held.push(reclaimed);
    assert.equal(reclaimed.slot, first.slot);
  });
});
