// Hands out loopback addresses of an AddressBlock, one per pod (or LoadBalancer). Linux routes all of
// 127.0.0.0/8 to the loopback interface, so each address is a separate "host".
// An address comes back only through release(), which callers invoke once no process holds it any more;
// the cursor keeps moving forward so a just-released address (sockets in TIME_WAIT) is the last reused.
import type { AddressBlock } from './address-block.ts';
import { RuntimeError } from './runtime-error.ts';

export class LoopbackAddressAllocator {
  readonly #block: AddressBlock;
  readonly #inUse = new Set<number>();
  #cursor: number;

  /** @param start the index to begin at (0: the block's first address) */
  constructor(block: AddressBlock, start = 0) {
    this.#block = block;
    this.#cursor = ((start % block.size) + block.size) % block.size;
  }

  get block(): AddressBlock {
    return this.#block;
  }

  allocate(): string {
    const size = this.#block.size;
    for (let tried = 0; tried < size; tried++) {
      const index = this.#cursor;
      this.#cursor = (this.#cursor + 1) % size;
      if (!this.#inUse.has(index)) {
        this.#inUse.add(index);
        return this.#block.address(index);
      }
    }
    throw new RuntimeError('AddressesExhausted', `every address of ${this.#block.description} is in use: delete some pods or services`);
  }

  /** Takes `address` itself (a Service asking for it): false when it is outside the block or already in use. */
  claim(address: string): boolean {
    const index = this.#block.indexOf(address);
    if (index === undefined || this.#inUse.has(index)) return false;
    this.#inUse.add(index);
    return true;
  }

  release(address: string): void {
    const index = this.#block.indexOf(address);
    if (index !== undefined) this.#inUse.delete(index);
  }

  get inUseCount(): number {
    return this.#inUse.size;
  }
}
