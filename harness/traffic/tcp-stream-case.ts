// Runs one `tcp:` request case, 3 times in a row on fresh connections like every request case: the connection
// through the gateway's TCP listener, the exchange step by step, and the TCP echo's own account of the
// connection checked against `backend` (name, namespace).
import type { RequestCase, SentRequestOf } from '../scenario/scenario-types.ts';
import { awaitConsistent, type ExpectationOutcome } from './await-expectation.ts';
import type { CaseDependencies } from './http-case.ts';
import { probeTcpEcho } from './l4/tcp-echo-probe.ts';
import type { ProbeTarget } from './send-request.ts';
import { checkTcpEchoAccount } from './tls-stream/tcp-echo-account.ts';

/** How long connecting, and each read of the exchange, may take. */
const STEP_TIMEOUT_MS = 5000;

export function runTcpStreamCase(target: ProbeTarget, requestCase: RequestCase<SentRequestOf<'tcp'>>, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const attempt = async () => {
    const outcome = await probeTcpEcho(target, requestCase.request.exchange, STEP_TIMEOUT_MS);
    if ('mismatches' in outcome) return { mismatches: outcome.mismatches };
    const backend = requestCase.expect.backend;
    return { mismatches: backend === undefined ? [] : checkTcpEchoAccount(backend, outcome.account) };
  };
  return awaitConsistent(attempt, { timeoutMs: deps.trafficMs });
}
