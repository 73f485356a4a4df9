// Eventual consistency: a gateway takes a while to pick up a route, so a request expectation is retried until
// it holds for `consecutive` tries in a row (one lucky answer during a reload is not enough) or the deadline
// passes; then the last mismatches are reported. Attempts are bounded by both the deadline and maxAttempts.
//
//   awaitExpectation(target, request, expect, options?): Promise<ExpectationOutcome>
//   ExpectationOutcome = { satisfied, attempts, elapsedMs, mismatches, lastResponse? }
import { checkExpectation, type Mismatch, type ResponseExpectation } from './expectation.ts';
import { type ProbeRequest, type ProbeResponse, type ProbeTarget, sendRequest } from './send-request.ts';

export interface AwaitExpectationOptions {
  /** Successes in a row required; default 3. */
  consecutive?: number;
  /** Default 30 s. */
  timeoutMs?: number;
  /** Pause between attempts; default 200 ms. */
  intervalMs?: number;
  /** Hard cap on attempts; default 1000. */
  maxAttempts?: number;
  /** Per-request timeout; default that of sendRequest. */
  requestTimeoutMs?: number;
  /** Replaceable for tests. */
  send?: typeof sendRequest;
}

export interface ExpectationOutcome {
  satisfied: boolean;
  attempts: number;
  elapsedMs: number;
  /** Empty when satisfied; else what differed on the last attempt. */
  mismatches: Mismatch[];
  lastResponse?: ProbeResponse;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function attempt(send: typeof sendRequest, target: ProbeTarget, request: ProbeRequest, expect: ResponseExpectation, timeoutMs?: number) {
  try {
    const response = await send(target, request, timeoutMs === undefined ? {} : { timeoutMs });
    return { response, mismatches: checkExpectation(expect, response) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { response: undefined, mismatches: [{ field: 'connection', expected: 'a response', actual: reason, text: `connection: expected a response, got ${reason}` }] };
  }
}

export async function awaitExpectation(
  target: ProbeTarget,
  request: ProbeRequest,
  expect: ResponseExpectation,
  options: AwaitExpectationOptions = {},
): Promise<ExpectationOutcome> {
  const consecutive = Math.max(1, options.consecutive ?? 3);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const maxAttempts = options.maxAttempts ?? 1000;
  const send = options.send ?? sendRequest;
  const started = Date.now();
  let streak = 0;
  let attempts = 0;
  let last: Awaited<ReturnType<typeof attempt>> = { response: undefined, mismatches: [] };
  while (attempts < maxAttempts) {
    attempts += 1;
    last = await attempt(send, target, request, expect, options.requestTimeoutMs);
    streak = last.mismatches.length === 0 ? streak + 1 : 0;
    if (streak >= consecutive) break;
    if (Date.now() >= deadline) break;
    // Successes in a streak follow each other quickly; failures wait for the gateway to converge.
    if (streak === 0) await sleep(options.intervalMs ?? 200);
  }
  const outcome: ExpectationOutcome = { satisfied: streak >= consecutive, attempts, elapsedMs: Date.now() - started, mismatches: last.mismatches };
  if (!outcome.satisfied && outcome.mismatches.length === 0) {
    // Out of time in the middle of a streak: say so rather than report a failure with no reason.
    outcome.mismatches = [{ field: 'consistency', expected: `${consecutive} passing tries in a row`, actual: `${streak}`, text: `consistency: expected ${consecutive} passing tries in a row, got ${streak}` }];
  }
  if (last.response) outcome.lastResponse = last.response;
  return outcome;
}
