// The proxy's request latency as a Prometheus histogram with fixed buckets (seconds, 250 us to 10 s, about
// 2.5x apart): recording is a few comparisons and two additions into preallocated counts, nothing allocated
// per request; cumulative bucket counts are built only when /metrics is scraped.

/** Upper bounds in seconds; the +Inf bucket is implicit. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface HistogramSnapshot {
  /** [upper bound, cumulative count], the last one +Inf. */
  buckets: [le: number, count: number][];
  sum: number;
  count: number;
}

export class LatencyHistogram {
  // One slot per bound plus +Inf, counts of the bucket alone (not cumulative).
  readonly #counts = new Float64Array(LATENCY_BUCKETS_SECONDS.length + 1);
  #sum = 0;
  #count = 0;

  record(seconds: number): void {
    let slot = 0;
    while (slot < LATENCY_BUCKETS_SECONDS.length && seconds > (LATENCY_BUCKETS_SECONDS[slot] as number)) slot++;
    this.#counts[slot] = (this.#counts[slot] as number) + 1;
    this.#sum += seconds;
    this.#count += 1;
  }

  snapshot(): HistogramSnapshot {
    let cumulative = 0;
    const buckets: [number, number][] = [];
    for (let slot = 0; slot <= LATENCY_BUCKETS_SECONDS.length; slot++) {
      cumulative += this.#counts[slot] as number;
      buckets.push([LATENCY_BUCKETS_SECONDS[slot] ?? Number.POSITIVE_INFINITY, cumulative]);
    }
    return { buckets, sum: this.#sum, count: this.#count };
  }
}
