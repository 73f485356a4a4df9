// How many more attempts an exchange may make, and after what. The route's retry (listed status
// codes, connection failures and timeouts; attempts in all, first included; a backoff between) plus,
// like the plain path, one immediate free resend when a pooled keep-alive connection turns out dead.

import type { RetryIR } from '../../ir/gateway-ir.ts';
import { isStaleConnectionError } from './upstream-failure.ts';

/** `backoff`: retry after the route's backoff; `now`: the free resend; `none`: answer the client. */
export type RetryDecision = 'backoff' | 'now' | 'none';

export class RetryBudget {
  readonly #retry: RetryIR | undefined;
  #attemptsDone = 0;
  #freeResendUsed = false;

  constructor(retry: RetryIR | undefined) {
    this.#retry = retry;
  }

  get backoffMs(): number {
    return this.#retry?.backoffMs ?? 0;
  }

  #attemptsLeft(): boolean {
    return this.#retry !== undefined && this.#attemptsDone + 1 < this.#retry.attempts;
  }

  /** An attempt answered `status`: is it one to retry (and may we)? Spends the attempt when so. */
  retryStatus(status: number): boolean {
    if (!(this.#retry?.codes.includes(status) && this.#attemptsLeft())) return false;
    this.#attemptsDone += 1;
    return true;
  }

  /** An attempt failed before answering; spends the attempt (or the free resend) when retrying. */
  afterError(error: Error): RetryDecision {
    if (this.#attemptsLeft()) {
      this.#attemptsDone += 1;
      return 'backoff';
    }
    if (!this.#freeResendUsed && isStaleConnectionError(error)) {
      this.#freeResendUsed = true;
      return 'now';
    }
    return 'none';
  }
}
