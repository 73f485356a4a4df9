// Runs one `http:` or `h2c:` request case (they differ only in how a request is sent): the request must meet its expectation 3 times in a row (eventual
// consistency). With uniqueQueryParam, every request sent carries a fresh value (a UUID) in that query
// parameter, and a backend.path expectation is extended with it. With mirroredTo, every request carries a unique id (mirror/request-id.ts) and the copies
// are read from the mirror backends' pod logs: without percentages each request of the passing streak must
// have reached every listed backend (else the streak starts over); with percentages, `samples` more requests
// are sent once the streak holds and the shares are judged statistically (mirror/judge-mirrors.ts).
import type { CaSource, ObjectRef, RequestCase, SentRequestOf } from '../scenario/scenario-types.ts';
import { type Attempt, attemptRequest, awaitConsistent, type ExpectationOutcome } from './await-expectation.ts';
import { checkExpectation, type RedirectContext } from './expectation.ts';
import { awaitEveryCopy, type MirrorWait, type SentRequests } from './mirror/judge-mirrors.ts';
import type { PodLogSource } from './mirror/pod-logs.ts';
import { newRequestId } from './mirror/request-id.ts';
import { sampleMirrors } from './mirror/sample-mirrors.ts';
import { type TaggedRequest, tagRequest } from './mirror/tag-request.ts';
import { sendH2cRequest } from './send-h2c-request.ts';
import { type ProbeRequest, type ProbeTarget, sendRequest } from './send-request.ts';

export interface CaseDependencies {
  /** How long the gateway may take to converge on the expectation. */
  trafficMs: number;
  /** Reads the PEM of a CA an https: case verifies the server against (from the cluster). */
  readCertificateAuthority?: (source: CaSource) => Promise<string>;
  /** Reads the PEM certificate and key a tls: case presents (a kubernetes.io/tls Secret in the cluster). */
  readClientCertificate?: (secret: ObjectRef) => Promise<{ cert: string; key: string }>;
  /** Needed by cases with mirroredTo. */
  podLogs?: PodLogSource;
  mirrorWait?: MirrorWait;
  /** How `http:` requests are sent; replaceable for tests. */
  send?: typeof sendRequest;
  /** How `h2c:` requests are sent; replaceable for tests. */
  sendH2c?: typeof sendRequest;
}

export const DEFAULT_MIRROR_WAIT: MirrorWait = { waitMs: 10_000, intervalMs: 500 };

export class MirrorLogsUnavailableError extends Error {
  readonly code = 'GAUNTLET_MIRROR_LOGS_UNAVAILABLE';
  constructor(where: string) {
    super(`${where}: mirroredTo needs the backends' pod logs, and this run has no access to them`);
    this.name = 'MirrorLogsUnavailableError';
  }
}

function sentRequests(tagged: ReadonlyMap<Attempt, { id: string; at: Date }>, attempts: readonly Attempt[]): SentRequests {
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

export function runHttpCase(target: ProbeTarget, requestCase: RequestCase<SentRequestOf<'http' | 'h2c'>>, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const { protocol, uniqueQueryParam, ...request } = requestCase.request;
  const send = protocol === 'h2c' ? (deps.sendH2c ?? sendH2cRequest) : (deps.send ?? sendRequest);
  return runExchangeCase(target, request, requestCase, deps, { scheme: 'http', send, ...(uniqueQueryParam === undefined ? {} : { uniqueQueryParam }) });
}

/** How a case's requests travel: the scheme (for redirect defaults), the function sending one of them, and a query
 * parameter made fresh per request, if any. */
export interface ExchangeTransport {
  scheme: 'http' | 'https';
  send: typeof sendRequest;
  uniqueQueryParam?: string;
}

/** The eventual-consistency loop of an http:, h2c: or https: case, mirrors included, for one request shape. */
export async function runExchangeCase(
  target: ProbeTarget,
  request: ProbeRequest,
  requestCase: Pick<RequestCase, 'expect' | 'port' | 'samples' | 'source'>,
  deps: CaseDependencies,
  { scheme, send, uniqueQueryParam }: ExchangeTransport,
): Promise<ExpectationOutcome> {
  const { expect } = requestCase;
  const context: RedirectContext = { scheme, host: request.host ?? `${target.host}:${target.port}`, listenerPort: requestCase.port, path: request.path };
  const prepare = (): TaggedRequest => (uniqueQueryParam === undefined ? { request, expect } : tagRequest(request, expect, newRequestId(), uniqueQueryParam));
  const attemptOne = (one: TaggedRequest) => attemptRequest(send, target, one.request, (response) => checkExpectation(one.expect, response, context));
  if (expect.mirroredTo.length === 0) return awaitConsistent(() => attemptOne(prepare()), { timeoutMs: deps.trafficMs });
  const podLogs = deps.podLogs;
  if (!podLogs) throw new MirrorLogsUnavailableError(`${requestCase.source.file}:${requestCase.source.line}`);
  const wait = deps.mirrorWait ?? DEFAULT_MIRROR_WAIT;
  const tagged = new Map<Attempt, { id: string; at: Date }>();
  const attempt = async () => {
    const id = newRequestId();
    const at = new Date();
    const base = prepare();
    const result = await attemptOne(tagRequest(base.request, base.expect, id));
    tagged.set(result, { id, at });
    return result;
  };
  const judgedByShare = expect.mirroredTo.some((mirror) => mirror.percent !== undefined);
  const confirmStreak = judgedByShare ? undefined : (streak: Attempt[]) => awaitEveryCopy(podLogs, expect.mirroredTo, sentRequests(tagged, streak), wait);
  const outcome = await awaitConsistent(attempt, { timeoutMs: deps.trafficMs, ...(confirmStreak ? { confirmStreak } : {}) });
  if (!outcome.satisfied || !judgedByShare) return outcome;
  const samplingStarted = Date.now();
  const mismatches = await sampleMirrors({ target, request, expect, context, samples: requestCase.samples, send, podLogs, wait, prepare });
  // The samples are attempts too: a failure report says how many requests and how long the whole case took.
  const attempts = outcome.attempts + requestCase.samples;
  return { ...outcome, satisfied: mismatches.length === 0, mismatches, attempts, elapsedMs: outcome.elapsedMs + Date.now() - samplingStarted };
}
