// Runs one `udp:` request case, 3 times in a row like every request case, each from a fresh client socket (a new
// flow through the gateway): the UDP echo's account checked against `backend` (name, namespace), or the answer
// to a DNS query checked against `dns` (its response code).
import type { RequestCase, SentRequestOf } from '../scenario/scenario-types.ts';
import { awaitConsistent, type ExpectationOutcome } from './await-expectation.ts';
import { backendMatches, describeBackend } from './backend-identity.ts';
import type { CaseDependencies } from './http-case.ts';
import { probeUdp } from './l4/udp-probe.ts';
import { type Mismatch, mismatch } from './mismatch.ts';
import type { ProbeTarget } from './send-request.ts';

/** How long the answer to one datagram may take. */
const ANSWER_TIMEOUT_MS = 2000;

export function runUdpDatagramCase(target: ProbeTarget, requestCase: RequestCase<SentRequestOf<'udp'>>, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const { expect } = requestCase;
  const attempt = async () => {
    const outcome = await probeUdp(target, requestCase.request, ANSWER_TIMEOUT_MS);
    if ('mismatches' in outcome) return { mismatches: outcome.mismatches };
    const found: Mismatch[] = [];
    if ('dns' in outcome) {
      if (expect.dns !== undefined && outcome.dns.rcode !== expect.dns.rcode) found.push(mismatch('dns rcode', expect.dns.rcode, outcome.dns.rcode));
      return { mismatches: found };
    }
    const backend = expect.backend;
    if (backend?.name !== undefined && !backendMatches(backend.name, outcome.echo)) found.push(mismatch('backend', backend.name, describeBackend(outcome.echo)));
    if (backend?.namespace !== undefined && outcome.echo.namespace !== backend.namespace) found.push(mismatch('backend namespace', backend.namespace, outcome.echo.namespace || '(empty)'));
    return { mismatches: found };
  };
  return awaitConsistent(attempt, { timeoutMs: deps.trafficMs });
}
