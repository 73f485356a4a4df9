// Eventual consistency: a gateway takes a while to pick up a route, so a request expectation is retried until
// it holds for `consecutive` tries in a row (one lucky answer during a reload is not enough) or the deadline
// passes; then the last mismatches are reported. Attempts are bounded by both the deadline and maxAttempts.
// A check that looks at a streak as a whole (mirrored copies in pod logs) confirms it once it is complete;
// a streak it rejects starts over.
//
//   awaitConsistent(attempt, options?): Promise<ExpectationOutcome>        any attempt function
//   awaitExpectation(target, request, expect, options?)                    one HTTP request, checked
//   ExpectationOutcome = { satisfied, attempts, elapsedMs, mismatches, lastResponse? }
import type { RequestExpectation } from '../scenario/scenario-types.ts';
import { checkExpectation, type Mismatch, type RedirectContext } from './expectation.ts';
import { type ProbeRequest, type ProbeResponse, type ProbeTarget, sendRequest } from './send-request.ts';

export interface AwaitConsistentOptions {
  /** Successes in a row required; default 3. */
  consecutive?: number;
  /** Default 30 s. */
  timeoutMs?: number;
  /** Pause between attempts; default 200 ms. */
  intervalMs?: number;
  /** Hard cap on attempts; default 1000. */
  maxAttempts?: number;
}

export interface Attempt {
  response?: ProbeResponse;
  /** Empty: this attempt holds. */
  mismatches: Mismatch[];
}

export interface ExpectationOutcome {
  satisfied: boolean;
  attempts: number;
  elapsedMs: number;
  /** Empty when satisfied; else what differed on the last attempt. */
  mismatches: Mismatch[];
  lastResponse?: ProbeResponse;
  /** When satisfied: ms from the start to the answer of the passing streak's first attempt (convergence time). */
  convergedAfterMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function awaitConsistent(
  attempt: () => Promise<Attempt>,
  options: AwaitConsistentOptions & { confirmStreak?: (streak: Attempt[]) => Promise<Mismatch[]> } = {},
): Promise<ExpectationOutcome> {
  const consecutive = Math.max(1, options.consecutive ?? 3);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const maxAttempts = options.maxAttempts ?? 1000;
  const started = Date.now();
  let streak: Attempt[] = [];
  let streakStartedMs = 0;
  let attempts = 0;
  let last: Attempt = { mismatches: [] };
  let lastFailure: Mismatch[] = [];
  let satisfied = false;
  while (attempts < maxAttempts && !satisfied) {
    attempts += 1;
    last = await attempt();
    streak = last.mismatches.length === 0 ? [...streak, last] : [];
    if (streak.length === 1) streakStartedMs = Date.now() - started;
    if (streak.length >= consecutive) {
      const rejected = (await options.confirmStreak?.(streak)) ?? [];
      satisfied = rejected.length === 0;
      if (!satisfied) [streak, last] = [[], { ...last, mismatches: rejected }];
    }
    if (last.mismatches.length > 0) lastFailure = last.mismatches;
    if (satisfied || Date.now() >= deadline) break;
    // Successes in a streak follow each other quickly; failures wait for the gateway to converge.
    if (streak.length === 0) await sleep(options.intervalMs ?? 200);
  }
  const outcome: ExpectationOutcome = { satisfied, attempts, elapsedMs: Date.now() - started, mismatches: [] };
  if (last.response) outcome.lastResponse = last.response;
  return settle(outcome, { last, lastFailure, consecutive, streakLength: streak.length, streakStartedMs });
}

/** Satisfied: when it converged. Not: the last attempt's mismatches, or running out of time mid-streak. */
function settle(
  outcome: ExpectationOutcome,
  { last, lastFailure, consecutive, streakLength, streakStartedMs }: { last: Attempt; lastFailure: Mismatch[]; consecutive: number; streakLength: number; streakStartedMs: number },
): ExpectationOutcome {
  if (outcome.satisfied) return { ...outcome, convergedAfterMs: streakStartedMs };
  return { ...outcome, mismatches: unsatisfiedMismatches(last, lastFailure, consecutive, streakLength) };
}

/** The last attempt's mismatches; out of time in the middle of a streak, that, with why the streak before it broke. */
function unsatisfiedMismatches(last: Attempt, lastFailure: Mismatch[], consecutive: number, streakLength: number): Mismatch[] {
  if (last.mismatches.length > 0) return last.mismatches;
  const text = `consistency: expected ${consecutive} passing tries in a row, got ${streakLength}`;
  return [...lastFailure, { field: 'consistency', expected: `${consecutive} passing tries in a row`, actual: `${streakLength}`, text }];
}

/** Sends once and checks; a transport error is a `connection` mismatch, not a throw. */
export async function attemptRequest(
  send: typeof sendRequest,
  target: ProbeTarget,
  request: ProbeRequest,
  check: (response: ProbeResponse) => Mismatch[],
  timeoutMs?: number,
): Promise<Attempt> {
  try {
    const response = await send(target, request, timeoutMs === undefined ? {} : { timeoutMs });
    return { response, mismatches: check(response) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { mismatches: [{ field: 'connection', expected: 'a response', actual: reason, text: `connection: expected a response, got ${reason}` }] };
  }
}

export interface AwaitExpectationOptions extends AwaitConsistentOptions {
  /** Per-request timeout; default that of sendRequest. */
  requestTimeoutMs?: number;
  /** The request as the scenario wrote it, for redirect defaults; default from `request` and `target`. */
  context?: RedirectContext;
  /** Replaceable for tests. */
  send?: typeof sendRequest;
}

export function awaitExpectation(target: ProbeTarget, request: ProbeRequest, expect: RequestExpectation, options: AwaitExpectationOptions = {}): Promise<ExpectationOutcome> {
  const context = options.context ?? { scheme: 'http', host: request.host ?? `${target.host}:${target.port}`, listenerPort: target.port, path: request.path };
  const check = (response: ProbeResponse) => checkExpectation(expect, response, context);
  return awaitConsistent(() => attemptRequest(options.send ?? sendRequest, target, request, check, options.requestTimeoutMs), options);
}
