// Counts of a load phase per second of its run, so a report can draw throughput over time (a stall, a warm-up,
// a drop during a reload) instead of one average. Second 0 starts when the counter is made; events after the
// last whole second of the planned duration are counted in that last second, so a slow final response does
// not draw a misleading near-empty bar.
//
//   createPerSecondCounter(durationSeconds, now?): { response(status), error(), seconds(): LoadSecond[] }

export interface LoadSecond {
  /** 0-based second since the load started. */
  second: number;
  /** Responses received in that second, whatever their status. */
  responses: number;
  /** Of those, responses with a status outside 200-299. */
  non2xx: number;
  /** Transport errors and timeouts in that second. */
  errors: number;
}

export interface PerSecondCounter {
  response(status: number): void;
  error(): void;
  seconds(): LoadSecond[];
}

export function createPerSecondCounter(durationSeconds: number, now: () => number = performance.now.bind(performance)): PerSecondCounter {
  const started = now();
  const lastSecond = Math.max(0, Math.ceil(durationSeconds) - 1);
  const counts: LoadSecond[] = Array.from({ length: lastSecond + 1 }, (_, second) => ({ second, responses: 0, non2xx: 0, errors: 0 }));
  const current = (): LoadSecond => {
    const index = Math.min(lastSecond, Math.max(0, Math.floor((now() - started) / 1000)));
    return counts[index] as LoadSecond;
  };
  return {
    response(status) {
      const bucket = current();
      bucket.responses += 1;
      if (status < 200 || status > 299) bucket.non2xx += 1;
    },
    error() {
      current().errors += 1;
    },
    seconds: () => counts.map((bucket) => ({ ...bucket })),
  };
}
