// One attempt's listener for the retrying exchange: once the exchange moves on (a retry, a timeout,
// the client gone), detach() makes late events of that attempt fall silent, so only the current
// attempt can ever write to the client.

import type { AttemptListener } from './upstream-attempt.ts';

export interface ExchangeListener extends AttemptListener {
  detach(): void;
  readonly attached: boolean;
}

class DetachableListener implements ExchangeListener {
  readonly #target: AttemptListener;
  #attached = true;

  constructor(target: AttemptListener) {
    this.#target = target;
  }

  detach(): void {
    this.#attached = false;
  }

  get attached(): boolean {
    return this.#attached;
  }

  onStart(status: number, headers: string[], statusMessage: string | undefined): void {
    if (this.#attached) this.#target.onStart(status, headers, statusMessage);
  }

  onData(chunk: Buffer): boolean {
    // A detached attempt's answer is read and dropped.
    return this.#attached ? this.#target.onData(chunk) : true;
  }

  onTrailers(trailers: string[]): void {
    if (this.#attached) this.#target.onTrailers?.(trailers);
  }

  onEnd(): void {
    if (this.#attached) this.#target.onEnd();
  }

  onError(error: Error): void {
    if (this.#attached) this.#target.onError(error);
  }
}

export function exchangeListener(target: AttemptListener): ExchangeListener {
  return new DetachableListener(target);
}
