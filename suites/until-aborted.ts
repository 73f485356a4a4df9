// A step of an interrupted run (Ctrl-C) must stop waiting at once: its own promise races the run's abort signal,
// and the rejection is a marker the step adder tells apart from a failure (the step is reported as skipped).
//
//   untilAborted(work, signal): Promise<void>      rejects with INTERRUPTED once the signal aborts
//   INTERRUPTED: unique symbol; INTERRUPTED_STEP_SUFFIX: what the step's name ends with in the results

export const INTERRUPTED: unique symbol = Symbol('interrupted');
export const INTERRUPTED_STEP_SUFFIX = ' (interrupted)';

export function untilAborted(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(INTERRUPTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(INTERRUPTED);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
