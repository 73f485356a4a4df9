// Runs one `http:` request case: the request must meet its expectation 3 times in a row (eventual
// consistency). With mirroredTo, every request carries a unique id (mirror/request-id.ts) and the copies
// are read from the mirror backends' pod logs: without percentages each request of the passing streak must
// have reached every listed backend (else the streak starts over); with percentages, `samples` more requests
// are sent once the streak holds and the shares are judged statistically (mirror/judge-mirrors.ts).
import type { CaSource, RequestCase, SentRequestOf } from '../scenario/scenario-types.ts';
import { type Attempt, attemptRequest, awaitConsistent, awaitExpectation, type ExpectationOutcome } from './await-expectation.ts';
import { checkExpectation, type RedirectContext } from './expectation.ts';
import { awaitEveryCopy, type MirrorWait, type SentRequests } from './mirror/judge-mirrors.ts';
import type { PodLogSource } from './mirror/pod-logs.ts';
import { newRequestId } from './mirror/request-id.ts';
import { sampleMirrors } from './mirror/sample-mirrors.ts';
import { tagRequest } from './mirror/tag-request.ts';
import { type ProbeRequest, type ProbeTarget, sendRequest } from './send-request.ts';

export interface CaseDependencies {
  /** How long the gateway may take to converge on the expectation. */
  trafficMs: number;
  /** Reads the PEM of a CA an https: case verifies the server against (from the cluster). */
  readCertificateAuthority?: (source: CaSource) => Promise<string>;
  /** Needed by cases with mirroredTo. */
  podLogs?: PodLogSource;
  mirrorWait?: MirrorWait;
  send?: typeof sendRequest;
}

export const DEFAULT_MIRROR_WAIT: MirrorWait = { waitMs: 10_000, intervalMs: 500 };

export class MirrorLogsUnavailableError extends Error {
  readonly code = 'GAUNTLET_MIRROR_LOGS_UNAVAILABLE';
  constructor(where: string) {
    super(`${where}: mirroredTo needs the backends' pod logs, and this run has no access to them`);
    this.name = 'MirrorLogsUnavailableError';
  }
}

export function sentRequests(tagged: ReadonlyMap<Attempt, { id: string; at: Date }>, attempts: readonly Attempt[]): SentRequests {
  const answeredBy = new Map<string, string | undefined>();
  const namespaces = new Set<string>();
  let since = new Date();
  for (const attempt of attempts) {
    const tag = tagged.get(attempt);
    if (!tag) continue;
    answeredBy.set(tag.id, attempt.response?.echo?.pod);
    if (attempt.response?.echo?.namespace) namespaces.add(attempt.response.echo.namespace);
    if (tag.at < since) since = tag.at;
  }
  return { answeredBy, namespaces: [...namespaces], since };
}

export function runHttpCase(target: ProbeTarget, requestCase: RequestCase<SentRequestOf<'http'>>, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const { protocol: _http, ...request } = requestCase.request;
  return runExchangeCase(target, request, requestCase, deps, { scheme: 'http', send: deps.send ?? sendRequest });
}

/** How a case's requests travel: the scheme (for redirect defaults) and the function sending one of them. */
export interface ExchangeTransport {
  scheme: 'http' | 'https';
  send: typeof sendRequest;
}

/** The eventual-consistency loop of an http: or https: case, mirrors included, for one request shape. */
export async function runExchangeCase(
  target: ProbeTarget,
  request: ProbeRequest,
  requestCase: Pick<RequestCase, 'expect' | 'port' | 'samples' | 'source'>,
  deps: CaseDependencies,
  { scheme, send }: ExchangeTransport,
): Promise<ExpectationOutcome> {
  const { expect } = requestCase;
  const context: RedirectContext = { scheme, host: request.host ?? `${target.host}:${target.port}`, listenerPort: requestCase.port, path: request.path };
  if (expect.mirroredTo.length === 0) return awaitExpectation(target, request, expect, { timeoutMs: deps.trafficMs, context, send });
  const podLogs = deps.podLogs;
  if (!podLogs) throw new MirrorLogsUnavailableError(`${requestCase.source.file}:${requestCase.source.line}`);
  const wait = deps.mirrorWait ?? DEFAULT_MIRROR_WAIT;
  const tagged = new Map<Attempt, { id: string; at: Date }>();
  const attempt = async () => {
    const id = newRequestId();
    const at = new Date();
    const one = tagRequest(request, expect, id);
    const result = await attemptRequest(send, target, one.request, (response) => checkExpectation(one.expect, response, context));
    tagged.set(result, { id, at });
    return result;
  };
  const judgedByShare = expect.mirroredTo.some((mirror) => mirror.percent !== undefined);
  const confirmStreak = judgedByShare ? undefined : (streak: Attempt[]) => awaitEveryCopy(podLogs, expect.mirroredTo, sentRequests(tagged, streak), wait);
  const outcome = await awaitConsistent(attempt, { timeoutMs: deps.trafficMs, ...(confirmStreak ? { confirmStreak } : {}) });
  if (!outcome.satisfied || !judgedByShare) return outcome;
  const mismatches = await sampleMirrors({ target, request, expect, context, samples: requestCase.samples, send, podLogs, wait });
  return { ...outcome, satisfied: mismatches.length === 0, mismatches };
}
