// The addresses the LoadBalancer Services of one cluster hold: any free one of the cluster's block for a Service
// that names none, the one its spec.loadBalancerIP asks for when that may be had (requested-address.ts), and how
// each is given back when the Service goes away or asks for another.
import type { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { type AddressClaim, claimRequestedAddress } from './requested-address.ts';

/** What a Service without spec.loadBalancerIP asks for. */
export const ANY_ADDRESS = '*';

export class LoadBalancerAddresses {
  readonly #automatic: LoopbackAddressAllocator;
  /** Service key -> its address and how to give it back. */
  readonly #held = new Map<string, { ip: string; release: () => Promise<void> }>();

  constructor(automatic: LoopbackAddressAllocator) {
    this.#automatic = automatic;
  }

  /** An address for the Service `key`: ANY_ADDRESS or the one asked for; a refusal says why it cannot have it. */
  async claim(key: string, wanted: string): Promise<AddressClaim> {
    if (wanted === ANY_ADDRESS) {
      const ip = this.#automatic.allocate();
      return this.#hold(key, { ok: true, ip, release: async () => this.#automatic.release(ip) });
    }
    const holderOf = (ip: string) => [...this.#held.entries()].find(([, held]) => held.ip === ip)?.[0];
    return this.#hold(key, await claimRequestedAddress(wanted, { automatic: this.#automatic, holderOf }));
  }

  async release(key: string): Promise<void> {
    const held = this.#held.get(key);
    this.#held.delete(key);
    await held?.release();
  }

  #hold(key: string, claim: AddressClaim): AddressClaim {
    if (claim.ok) this.#held.set(key, { ip: claim.ip, release: claim.release });
    return claim;
  }
}
