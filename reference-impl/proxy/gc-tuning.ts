// The proxy's garbage-collector settings, set at start-up by main.ts (so every pod runs with them) and by the
// bench's proxy role (so the bench measures what pods run). Only flags V8 reads at each collection can be set
// from inside the process; the young generation's size, fixed when the heap is made, cannot (see the README's
// bench section for what it would give and where it would have to be set).
//
// --no-parallel-scavenge: a scavenge (the young-generation collection that runs every few hundred requests)
// splits its work with V8's helper threads by default. On a machine whose cores are all busy (the load
// generator, the backend and the proxy on two cores, or a pod among others), the helpers wait for a core while
// the proxy's thread waits for them, and the pause every in-flight request sits through grows. The proxy's
// survivors are small (the requests in flight, tens of KiB), so one thread does the work sooner. Measured with
// wrk against the bench's proxy in 4 interleaved rounds: mean scavenge pause 0.43-0.99 ms (median 0.52) with the
// helpers, 0.24-0.53 ms (median 0.29) without; same allocation per request (about 10 KB) and requests/s.
//
//   tuneGarbageCollector(): void

import { setFlagsFromString } from 'node:v8';

export const PROXY_GC_FLAGS: readonly string[] = ['--no-parallel-scavenge'];

export function tuneGarbageCollector(): void {
  for (const flag of PROXY_GC_FLAGS) setFlagsFromString(flag);
}
