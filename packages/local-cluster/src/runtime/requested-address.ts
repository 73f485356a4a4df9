// The address a LoadBalancer Service asks for in spec.loadBalancerIP, honoured the way MetalLB honours it: given
// when it lies in one of the cluster's pools and is free, refused with a reason otherwise. Two pools: the
// cluster's own LoadBalancer block (also handed out automatically) and ON_REQUEST_ADDRESSES, 127.40.0.0/16, shared
// by every local cluster of the machine and given only to a Service naming the address (MetalLB's
// `autoAssign: false` pool). An address of the shared pool is claimed as a cluster claims its slot: a socket
// listening on that address and CLAIM_PORT, atomic across processes and dropped by the kernel with its holder.
import net from 'node:net';
import { CLAIM_PORT, listenOnClaimPort, ON_REQUEST_ADDRESSES } from './cluster-network.ts';
import type { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { RuntimeError } from './runtime-error.ts';

/** Why a requested address was not given: the reasons of the Service condition (service-address-condition.ts). */
export type AddressRefusalReason = 'NotAnAddress' | 'NotInPool' | 'InUse';

export type AddressClaim =
  | { ok: true; ip: string; release: () => Promise<void> }
  /** `retry`: the address may become free (in use), so asking again later can succeed. */
  | { ok: false; reason: AddressRefusalReason; message: string; retry: boolean };

export interface AddressPools {
  /** The cluster's own LoadBalancer block. */
  automatic: LoopbackAddressAllocator;
  /** Which of this cluster's Services holds an address ("namespace/name"), if one does. */
  holderOf: (ip: string) => string | undefined;
}

export async function claimRequestedAddress(requested: string, pools: AddressPools): Promise<AddressClaim> {
  if (!net.isIPv4(requested)) {
    const why = net.isIPv6(requested) ? 'an IPv6 address; the local cluster serves IPv4 loopback only' : 'not an IP address';
    return { ok: false, reason: 'NotAnAddress', message: `spec.loadBalancerIP ${JSON.stringify(requested)} is ${why}`, retry: false };
  }
  const holder = pools.holderOf(requested);
  if (holder) return inUse(requested, `Service ${holder} holds it`);
  const { automatic } = pools;
  if (automatic.block.contains(requested)) {
    if (automatic.claim(requested)) return { ok: true, ip: requested, release: async () => automatic.release(requested) };
    return inUse(requested, 'a Service of this cluster holds it');
  }
  if (ON_REQUEST_ADDRESSES.contains(requested)) return claimShared(requested);
  return {
    ok: false,
    reason: 'NotInPool',
    message:
      `${requested} is in none of this cluster's address pools: ${automatic.block.description} (its own, also assigned automatically) ` +
      `and ${ON_REQUEST_ADDRESSES.description} (shared by the local clusters of this machine, on request only)`,
    retry: false,
  };
}

function inUse(address: string, by: string): AddressClaim {
  return { ok: false, reason: 'InUse', message: `${address} is already in use: ${by}`, retry: true };
}

async function claimShared(address: string): Promise<AddressClaim> {
  const server = net.createServer();
  const outcome = await listenOnClaimPort(server, address);
  if (outcome === 'taken') return inUse(address, `another local cluster of this machine holds it (${address}:${CLAIM_PORT} is taken)`);
  if (outcome !== 'claimed') {
    return { ok: false, reason: 'NotInPool', message: `${address} cannot be claimed (listening on ${address}:${CLAIM_PORT}: ${outcome.code ?? outcome.message})`, retry: false };
  }
  server.unref(); // the claim must not keep a finished program alive
  return { ok: true, ip: address, release: () => new Promise((done) => server.close(() => done())) };
}

/**
 * An address of the shared on-request pool that no cluster holds right now, for a caller that needs one to ask
 * for (a test suite's "usable address"). Searched from a point that differs per process, so that runs started
 * together do not pick the same one; the Service's claim, not this look, is what reserves it.
 */
export async function freeOnRequestAddress(): Promise<string> {
  const size = ON_REQUEST_ADDRESSES.size;
  const start = (process.pid * 7919) % size;
  for (let tried = 0; tried < size; tried++) {
    const address = ON_REQUEST_ADDRESSES.address((start + tried) % size);
    const claim = await claimShared(address);
    if (!claim.ok) continue;
    await claim.release();
    return address;
  }
  throw new RuntimeError('AddressesExhausted', `every address of ${ON_REQUEST_ADDRESSES.description} is held by some local cluster: stop some (gauntlet down)`);
}
