// A block of loopback addresses such as 127.10.4.0/22: whole third octets of a 127.N.0.0/16, each giving
// hosts .1 to .254 (no .0 and .255, for clarity). Each local cluster owns one block of pod addresses and one
// of LoadBalancer addresses (see cluster-network.ts), so two clusters on one machine never share an address.
import { RuntimeError } from './runtime-error.ts';

const HOSTS_PER_THIRD_OCTET = 254;

export class AddressBlock {
  /** The first two octets, e.g. '127.10'. */
  readonly prefix: string;
  readonly firstThirdOctet: number;
  readonly thirdOctetCount: number;

  constructor(prefix: string, firstThirdOctet = 0, thirdOctetCount = 256) {
    if (!/^127\.\d{1,3}$/.test(prefix) || prefix === '127.0') {
      throw new RuntimeError('BadAddressRange', `loopback range ${prefix}.0.0/16 is not usable: use 127.N with N >= 1`);
    }
    if (firstThirdOctet < 0 || thirdOctetCount < 1 || firstThirdOctet + thirdOctetCount > 256) {
      throw new RuntimeError('BadAddressRange', `third octets ${firstThirdOctet}..${firstThirdOctet + thirdOctetCount - 1} are outside 0..255`);
    }
    this.prefix = prefix;
    this.firstThirdOctet = firstThirdOctet;
    this.thirdOctetCount = thirdOctetCount;
  }

  /** How many addresses the block hands out. */
  get size(): number {
    return this.thirdOctetCount * HOSTS_PER_THIRD_OCTET;
  }

  /** `127.10.4.0/22` when the block is aligned on a power of two, else its first and last address. */
  get description(): string {
    const bits = Math.log2(this.thirdOctetCount);
    if (Number.isInteger(bits) && this.firstThirdOctet % this.thirdOctetCount === 0) return `${this.prefix}.${this.firstThirdOctet}.0/${24 - bits}`;
    return `${this.address(0)}-${this.address(this.size - 1)}`;
  }

  address(index: number): string {
    const third = this.firstThirdOctet + Math.floor(index / HOSTS_PER_THIRD_OCTET);
    return `${this.prefix}.${third}.${(index % HOSTS_PER_THIRD_OCTET) + 1}`;
  }

  /** The index of an address of this block, or undefined for any other text. */
  indexOf(address: string): number | undefined {
    if (!address.startsWith(`${this.prefix}.`)) return undefined;
    const rest = address.slice(this.prefix.length + 1).split('.');
    if (rest.length !== 2 || !rest.every((part) => /^\d{1,3}$/.test(part))) return undefined;
    const [third, fourth] = rest.map(Number) as [number, number];
    const offset = third - this.firstThirdOctet;
    if (offset < 0 || offset >= this.thirdOctetCount || fourth < 1 || fourth > HOSTS_PER_THIRD_OCTET) return undefined;
    return offset * HOSTS_PER_THIRD_OCTET + fourth - 1;
  }

  contains(address: string): boolean {
    return this.indexOf(address) !== undefined;
  }

  /** What a pod sandbox needs to recognise the block (plain data, carried in an environment variable). */
  toJSON(): { prefix: string; firstThirdOctet: number; thirdOctetCount: number } {
    return { prefix: this.prefix, firstThirdOctet: this.firstThirdOctet, thirdOctetCount: this.thirdOctetCount };
  }
}
