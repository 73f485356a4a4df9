// Hands out loopback addresses from a /16 such as 127.10.0.0/16, one per pod (or LoadBalancer).
// Linux routes all of 127.0.0.0/8 to the loopback interface, so each address is a separate "host".
// An address comes back only through release(), which callers invoke once no process holds it any more;
// the cursor keeps moving forward so a just-released address (sockets in TIME_WAIT) is the last reused.
import { RuntimeError } from './runtime-error.ts';

export class LoopbackAddressAllocator {
  readonly #prefix: string;
  readonly #inUse = new Set<number>();
  #cursor: number;

  /**
   * @param prefix the first two octets, e.g. '127.10'
   * @param start offset to begin at; random by default so two local clusters on one host rarely collide
   */
  constructor(prefix: string, start: number = Math.floor(Math.random() * HOSTS)) {
    if (!/^127\.\d{1,3}$/.test(prefix) || prefix === '127.0') {
      throw new RuntimeError('BadAddressRange', `loopback range ${prefix}.0.0/16 is not usable: use 127.N with N >= 1`);
    }
    this.#prefix = prefix;
    this.#cursor = ((start % HOSTS) + HOSTS) % HOSTS;
  }

  allocate(): string {
    for (let tried = 0; tried < HOSTS; tried++) {
      const index = this.#cursor;
      this.#cursor = (this.#cursor + 1) % HOSTS;
      if (!this.#inUse.has(index)) {
        this.#inUse.add(index);
        return this.#address(index);
      }
    }
    throw new RuntimeError('AddressesExhausted', `every address of ${this.#prefix}.0.0/16 is in use: delete some pods or services`);
  }

  release(address: string): void {
    const index = this.#indexOf(address);
    if (index !== undefined) this.#inUse.delete(index);
  }

  get inUseCount(): number {
    return this.#inUse.size;
  }

  /** Index i maps to third octet floor(i/254) and fourth octet 1..254 (no .0 and .255, for clarity). */
  #address(index: number): string {
    return `${this.#prefix}.${Math.floor(index / 254)}.${(index % 254) + 1}`;
  }

  #indexOf(address: string): number | undefined {
    if (!address.startsWith(`${this.#prefix}.`)) return undefined;
    const [third, fourth] = address.slice(this.#prefix.length + 1).split('.').map(Number);
    if (third === undefined || fourth === undefined || fourth < 1 || fourth > 254) return undefined;
    return third * 254 + fourth - 1;
  }
}

const HOSTS = 256 * 254;
