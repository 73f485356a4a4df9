// The step dispatch for request cases: one runner per protocol key of the scenario format
// (harness/scenario/format/protocol-requests.ts). A protocol added there without a runner here fails the
// type check, so the two cannot drift apart.
import type { ProtocolName } from '../../harness/scenario/format/protocol-requests.ts';
import type { RequestCase } from '../../harness/scenario/scenario-types.ts';
import type { ExpectationOutcome } from '../../harness/traffic/await-expectation.ts';
import { type CaseDependencies, runHttpCase } from '../../harness/traffic/http-case.ts';
import type { ProbeTarget } from '../../harness/traffic/send-request.ts';

type CaseRunner = (target: ProbeTarget, requestCase: RequestCase, deps: CaseDependencies) => Promise<ExpectationOutcome>;

const runners: Record<ProtocolName, CaseRunner> = {
  http: runHttpCase,
};

export function runRequestCase(target: ProbeTarget, requestCase: RequestCase, deps: CaseDependencies): Promise<ExpectationOutcome> {
  return runners[requestCase.request.protocol](target, requestCase, deps);
}
