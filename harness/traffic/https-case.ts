// Runs one `https:` request case: as an http: case (3 passing tries in a row, mirrors, redirects with https as
// the default scheme), each try over a fresh TLS connection with the case's SNI, ALPN, CA and client
// certificate. The CA and the client certificate are read from the cluster once, before the first try. With
// `expect.tls.refused` the case is the other way round: each of 3 tries in a row must fail to get any answer
// (no handshake, or a connection closed before the response: a client certificate refused after a TLS 1.3
// handshake shows that way); an answer, or a try that times out instead of being refused, does not count.
import type { RequestCase, SentRequestOf } from '../scenario/scenario-types.ts';
import { type Attempt, awaitConsistent, type ExpectationOutcome } from './await-expectation.ts';
import { type CaseDependencies, runExchangeCase } from './http-case.ts';
import { mismatch } from './mismatch.ts';
import { sendHttpsRequest } from './send-https-request.ts';
import type { ProbeTarget, sendRequest } from './send-request.ts';
import { readTlsKeyPairFor } from './tls/read-tls-key-pair.ts';

export class CertificateAuthorityUnreadableError extends Error {
  readonly code = 'GAUNTLET_CA_UNREADABLE';
  constructor(where: string) {
    super(`${where}: https: names a ca, and this run cannot read objects from the cluster`);
    this.name = 'CertificateAuthorityUnreadableError';
  }
}

/** A try that gave up waiting (sendHttpsRequest's and openTlsSession's own timeouts say "within N ms"). */
const TIMED_OUT = /\bwithin \d+ ms\b/;

export async function runHttpsCase(target: ProbeTarget, requestCase: RequestCase<SentRequestOf<'https'>>, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const { protocol: _https, serverName, alpn, ca: caSource, clientCertificate: clientSecret, uniqueQueryParam, ...request } = requestCase.request;
  let ca: string | undefined;
  if (caSource !== undefined) {
    if (!deps.readCertificateAuthority) throw new CertificateAuthorityUnreadableError(`${requestCase.source.file}:${requestCase.source.line}`);
    ca = await deps.readCertificateAuthority(caSource);
  }
  const clientCertificate = clientSecret === undefined ? undefined : await readTlsKeyPairFor(deps.readTlsKeyPair, clientSecret, requestCase.source);
  const tls = { alpn, ...(serverName === undefined ? {} : { serverName }), ...(ca === undefined ? {} : { ca }), ...(clientCertificate === undefined ? {} : { clientCertificate }) };
  const send: typeof sendRequest = (to, one, options) => sendHttpsRequest(to, { ...one, ...tls }, options);
  if (requestCase.expect.tls?.refused) return awaitConsistent(() => attemptRefusal(send, target, request), { timeoutMs: deps.trafficMs });
  return runExchangeCase(target, request, requestCase, deps, { scheme: 'https', send, ...(uniqueQueryParam === undefined ? {} : { uniqueQueryParam }) });
}

async function attemptRefusal(send: typeof sendRequest, target: ProbeTarget, request: Parameters<typeof sendRequest>[1]): Promise<Attempt> {
  const expected = 'the connection refused (no handshake, or closed before any answer)';
  try {
    const response = await send(target, request);
    return { response, mismatches: [mismatch('tls refused', expected, `an answer with status ${response.status}`)] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { mismatches: TIMED_OUT.test(reason) ? [mismatch('tls refused', expected, `no answer in time (${reason})`)] : [] };
  }
}
