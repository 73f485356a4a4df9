// Request counters for /stats: plain integer increments, cheap enough for the hot path.

export interface ProxyStatsSnapshot {
  requests: number;
  byStatusClass: { '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number; aborted: number };
  irVersion: number | null;
  listeners: number[];
}

export class ProxyStats {
  requests = 0;
  #c1 = 0;
  #c2 = 0;
  #c3 = 0;
  #c4 = 0;
  #c5 = 0;
  #aborted = 0;

  /** `status` 0 means the exchange broke before a complete answer. */
  record(status: number): void {
    this.requests += 1;
    if (status >= 500) this.#c5 += 1;
    else if (status >= 400) this.#c4 += 1;
    else if (status >= 300) this.#c3 += 1;
    else if (status >= 200) this.#c2 += 1;
    else if (status >= 100) this.#c1 += 1;
    else this.#aborted += 1;
  }

  snapshot(irVersion: number | null, listeners: number[]): ProxyStatsSnapshot {
    return {
      requests: this.requests,
      byStatusClass: { '1xx': this.#c1, '2xx': this.#c2, '3xx': this.#c3, '4xx': this.#c4, '5xx': this.#c5, aborted: this.#aborted },
      irVersion,
      listeners,
    };
  }
}
