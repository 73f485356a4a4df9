// Runs one `https:` request case: as an http: case (3 passing tries in a row, mirrors, redirects with https as
// the default scheme), each try over a fresh TLS connection with the case's SNI, ALPN and CA. The CA is read
// from the cluster once, before the first try.
import type { RequestCase, SentRequestOf } from '../scenario/scenario-types.ts';
import type { ExpectationOutcome } from './await-expectation.ts';
import { type CaseDependencies, runExchangeCase } from './http-case.ts';
import { sendHttpsRequest } from './send-https-request.ts';
import type { ProbeTarget, sendRequest } from './send-request.ts';

export class CertificateAuthorityUnreadableError extends Error {
  readonly code = 'GAUNTLET_CA_UNREADABLE';
  constructor(where: string) {
    super(`${where}: https: names a ca, and this run cannot read objects from the cluster`);
    this.name = 'CertificateAuthorityUnreadableError';
  }
}

export async function runHttpsCase(target: ProbeTarget, requestCase: RequestCase<SentRequestOf<'https'>>, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const { protocol: _https, serverName, alpn, ca: caSource, uniqueQueryParam, ...request } = requestCase.request;
  let ca: string | undefined;
  if (caSource !== undefined) {
    if (!deps.readCertificateAuthority) throw new CertificateAuthorityUnreadableError(`${requestCase.source.file}:${requestCase.source.line}`);
    ca = await deps.readCertificateAuthority(caSource);
  }
  const tls = { alpn, ...(serverName === undefined ? {} : { serverName }), ...(ca === undefined ? {} : { ca }) };
  const send: typeof sendRequest = (to, one, options) => sendHttpsRequest(to, { ...one, ...tls }, options);
  return runExchangeCase(target, request, requestCase, deps, { scheme: 'https', send, ...(uniqueQueryParam === undefined ? {} : { uniqueQueryParam }) });
}
