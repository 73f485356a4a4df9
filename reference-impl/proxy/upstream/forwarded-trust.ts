// Whose X-Forwarded-* headers the proxy believes. A client can write anything in them, so by default the
// proxy replaces them with what it saw itself; only a peer listed as trusted (another proxy or load
// balancer in front, by address or CIDR) has its X-Forwarded-For list appended to and its
// X-Forwarded-Proto and -Host passed on. Checked only when a request carries such a header.

import { BlockList, isIP } from 'node:net';

export interface ForwardedTrust {
  trusts(address: string): boolean;
}

export const TRUST_NO_ONE: ForwardedTrust = { trusts: () => false };

export class ForwardedTrustError extends Error {
  readonly code = 'PROXY_FORWARDED_TRUST_INVALID';
  constructor(entry: string) {
    super(`trusted forwarder ${JSON.stringify(entry)} is neither an IP address nor a CIDR (10.0.0.0/8, fd00::/8); fix the proxy's trustedForwarders`);
    this.name = 'ForwardedTrustError';
  }
}

/** An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** Throws ForwardedTrustError for an entry that is not an address or a CIDR. */
export function forwardedTrustOf(entries: readonly string[]): ForwardedTrust {
  if (entries.length === 0) return TRUST_NO_ONE;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) throw new ForwardedTrustError(entry);
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    trusts(address) {
      const plain = plainAddress(address);
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
