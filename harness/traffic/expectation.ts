// Compares one response with what a request case expects and says, line by line, what differed: the
// response itself (status, headers), the request as the backend saw it, a redirect's Location, timing, and
// for a request over TLS what its handshake settled.
// (Mirrored copies are read from pod logs, apart: mirror/.)
//
//   checkExpectation(expect, response, context): Mismatch[]   (empty: it holds)

import type { RequestExpectation, ResponseExpectation, TlsExpectation } from '../scenario/scenario-types.ts';
import { checkBackend } from './check-backend.ts';
import { checkRedirect, type RedirectContext } from './check-redirect.ts';
import { checkResponseHeaders } from './check-response-headers.ts';
import { checkTiming } from './check-timing.ts';
import { type Mismatch, mismatch } from './mismatch.ts';
import type { ProbeResponse } from './send-request.ts';
import { dnsNamesOf, sameDnsNames } from './tls/certificate-names.ts';

export { formatMismatches, type Mismatch } from './mismatch.ts';
export type { RedirectContext };

export function checkResponse(expect: ResponseExpectation, response: ProbeResponse): Mismatch[] {
  const found: Mismatch[] = [];
  if (!expect.statuses.includes(response.status)) found.push(mismatch('status', expect.statuses.join(' or '), String(response.status)));
  return [...found, ...checkResponseHeaders(response.headers, expect.headers, expect.absentHeaders)];
}

/** Only what the scenario states is checked; a status alone needs no echo body. */
export function checkExpectation(expect: RequestExpectation, response: ProbeResponse, context: RedirectContext): Mismatch[] {
  return [
    ...checkResponse(expect.response, response),
    ...(expect.backend ? checkBackend(expect.backend, response) : []),
    ...(expect.redirect ? checkRedirect(expect.redirect, response, context) : []),
    ...(expect.timing ? checkTiming(expect.timing, response.elapsedMs) : []),
    ...(expect.tls ? checkTls(expect.tls, response) : []),
  ];
}

function checkTls(expect: TlsExpectation, response: ProbeResponse): Mismatch[] {
  if (response.tls === undefined) return [mismatch('tls', 'a response over TLS', 'a cleartext response')];
  if (expect.alpn !== undefined && response.tls.alpn !== expect.alpn) return [mismatch('tls alpn', expect.alpn, response.tls.alpn ?? '(none chosen)')];
  const expected = expect.certificate?.dnsNames;
  const served = dnsNamesOf(response.tls.certificate.altNames);
  if (expected !== undefined && !sameDnsNames(expected, served)) return [mismatch('tls certificate', `DNS names ${expected.join(', ')}`, served.join(', ') || '(none)')];
  return [];
}

/** An expectation of status 200 and nothing else: "the route answers". */
export function expectStatus(status: number): RequestExpectation {
  return { response: { statuses: [status], headers: {}, absentHeaders: [] }, mirroredTo: [] };
}
