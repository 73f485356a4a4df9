// Throughput over time, one entry per second of a load run (what the HTML report draws and `gauntlet
// compare` reads): answers, non-2xx answers and transport errors counted into per-second slots by the
// engine, then folded so answers that arrive after the window (the open model's drain) count in its last
// second instead of drawing a misleading near-empty bar.
//
//   SecondSlots: counts per slot, added up exactly across workers (addSecondSlots)
//   timelineOf(slots, durationSeconds): LoadSecond[]      requestsPerSecondSeries(timeline): number[]

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

/** Per second since the start (index = second). */
export interface SecondSlots {
  responses: number[];
  non2xx: number[];
  errors: number[];
}

export function emptySecondSlots(): SecondSlots {
  return { responses: [], non2xx: [], errors: [] };
}

/** Adds one to `slots[field][second]`. */
export function countInSecond(slots: SecondSlots, field: keyof SecondSlots, second: number): void {
  const list = slots[field];
  list[second] = (list[second] ?? 0) + 1;
}

function addInto(into: number[], from: readonly (number | undefined)[]): void {
  from.forEach((value, slot) => {
    into[slot] = (into[slot] ?? 0) + (value ?? 0);
  });
}

/** Sums `from` into `into` second by second (exact: counts only). */
export function addSecondSlots(into: SecondSlots, from: SecondSlots): void {
  addInto(into.responses, from.responses);
  addInto(into.non2xx, from.non2xx);
  addInto(into.errors, from.errors);
}

/** One entry per second of the planned duration; later counts are folded into the last second. */
export function timelineOf(slots: SecondSlots, durationSeconds: number): LoadSecond[] {
  const lastSecond = Math.max(0, Math.ceil(durationSeconds) - 1);
  const timeline: LoadSecond[] = Array.from({ length: lastSecond + 1 }, (_, second) => ({ second, responses: 0, non2xx: 0, errors: 0 }));
  for (const field of ['responses', 'non2xx', 'errors'] as const) {
    slots[field].forEach((count, second) => {
      const entry = timeline[Math.min(second, lastSecond)] as LoadSecond;
      entry[field] += count ?? 0;
    });
  }
  return timeline;
}

/** Responses completed in each whole second of the window, in order (a partial last second is left out). */
export function requestsPerSecondSeries(slots: SecondSlots, durationSeconds: number): number[] {
  return Array.from({ length: Math.floor(durationSeconds) }, (_, second) => slots.responses[second] ?? 0);
}
